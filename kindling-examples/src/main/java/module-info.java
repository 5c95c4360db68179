/** The PyTorch basics tutorial ported to Kindling, as a module to read and run. */
module org.kindling.examples {
    requires transitive org.kindling;   // Tutorial.Result and MyModel hand out Tensors and Modules
    requires org.kindling.plot;
    requires org.kindling.tensorboard;

    exports org.kindling.examples;
}
