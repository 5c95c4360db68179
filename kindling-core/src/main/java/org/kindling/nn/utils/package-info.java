/** Training utilities, like {@code torch.nn.utils}: gradient clipping ({@link org.kindling.nn.utils.ClipGrad}). */
package org.kindling.nn.utils;
