package org.kindling.dashboard;

import java.util.Map;

/**
 * One row of the runs table.
 *
 * @param name       the run folder's name
 * @param status     running, finished, failed, stopped or corrupt
 * @param message    why a run is failed, stopped or corrupt (null otherwise)
 * @param started    when the run started (from the default folder name, else config.json's time), ISO-8601 local
 * @param updated    last change of the metrics log, milliseconds since the epoch (0 when there is none)
 * @param data       the data set or CSV file trained on (null when the configuration is unreadable)
 * @param model      the network, e.g. {@code mlp 64 relu} or {@code cnn}
 * @param epochsDone the last logged epoch
 * @param epochs     the configured number of epochs (0 when unknown)
 * @param steps      the number of logged steps
 * @param last       the last epoch's losses and metrics by name ({@code train_loss}, {@code val_loss}, ...)
 */
record RunSummary(String name, String status, String message, String started, long updated, String data,
                  String model, int epochsDone, int epochs, int steps, Map<String, Double> last) {
}
