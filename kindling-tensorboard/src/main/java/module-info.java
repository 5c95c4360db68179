/** Kindling TensorBoard: {@link org.kindling.tensorboard.SummaryWriter} writes event files TensorBoard reads. */
module org.kindling.tensorboard {
    requires transitive org.kindling; // addHistogram takes Tensors
    requires com.google.protobuf;

    exports org.kindling.tensorboard;

    // The generated messages are internal, but protobuf's runtime reaches their accessors by reflection.
    exports org.kindling.tensorboard.proto to com.google.protobuf;
    exports org.kindling.tensorboard.proto.hparams to com.google.protobuf;
}
