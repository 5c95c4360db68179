/** Kindling core: tensors with autograd, modules, optimizers, data loading and checkpoints. */
module org.kindling {
    // The Vector API is optional: kernels detect it at run time and fall back to plain loops.
    requires static jdk.incubator.vector;

    exports org.kindling;
    exports org.kindling.autograd;
    exports org.kindling.data;
    exports org.kindling.io;
    exports org.kindling.nn;
    exports org.kindling.nn.init;
    exports org.kindling.nn.utils;
    exports org.kindling.optim;
    exports org.kindling.optim.lr;
    exports org.kindling.train;

    // Quoting text from files in error messages, shared with the CSV reader.
    exports org.kindling.internal.format to org.kindling.tabular;
}
