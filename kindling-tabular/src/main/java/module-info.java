/**
 * Kindling tabular: the files around a training run. CSV tables into float32 tensors, feature
 * standardization fitted on the training split, and the JSON Lines training log.
 */
module org.kindling.tabular {
    requires transitive org.kindling;   // CsvTable and StandardScaler hand out Tensors and datasets

    exports org.kindling.tabular;
    exports org.kindling.tabular.log;
}
