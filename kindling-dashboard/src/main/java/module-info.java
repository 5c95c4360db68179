/**
 * Kindling dashboard: a local web page over a folder of runs, with loss curves that update live while
 * a run trains. Only reads: no endpoint writes a file or runs code.
 */
module org.kindling.dashboard {
    requires org.kindling.tabular;           // TrainingLog reads a run's metrics.jsonl
    requires org.eclipse.jetty.server;
    requires com.fasterxml.jackson.databind;

    exports org.kindling.dashboard;
    // Jackson writes the run summaries (package-private records) by reflection.
    opens org.kindling.dashboard to com.fasterxml.jackson.databind;
}
