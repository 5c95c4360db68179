/**
 * Learning-rate schedulers, like {@code torch.optim.lr_scheduler}: epoch schedulers extending
 * {@link org.kindling.optim.lr.LRScheduler} (call {@code step()} once per epoch, after the optimizer's step) and
 * {@link org.kindling.optim.lr.ReduceLROnPlateau} (call {@code step(metric)}).
 */
package org.kindling.optim.lr;
