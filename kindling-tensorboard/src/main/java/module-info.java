/** Kindling TensorBoard: {@link org.kindling.tensorboard.SummaryWriter} writes event files TensorBoard reads. */
module org.kindling.tensorboard {
    requires transitive org.kindling; // addHistogram takes Tensors
    requires com.google.protobuf;

    exports org.kindling.tensorboard;
}
