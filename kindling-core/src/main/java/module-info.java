/** Kindling core: tensors with autograd, modules, optimizers, data loading and checkpoints. */
// "module": the qualified exports name kindling-tabular, which is built after core and depends on it.
@SuppressWarnings("module")
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

    // Shared with kindling-tabular only: quoting file text in error messages (the CSV reader) and the
    // one JSON codec (the training log's lines).
    exports org.kindling.internal.format to org.kindling.tabular;
    exports org.kindling.internal.json to org.kindling.tabular;
    // The CSV reader hands the arrays it parsed into to tensors without a copy (a 1 GB table, not 2).
    exports org.kindling.internal.handoff to org.kindling.tabular;
}
