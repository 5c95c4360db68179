/** Kindling plot: loss curves, prediction and fit plots (drawn by XChart), the HTML run report, training progress. */
@SuppressWarnings("requires-transitive-automatic") // XChart has no descriptor, only its Automatic-Module-Name
module org.kindling.plot {
    requires transitive org.kindling.tabular; // TrainingLog in the API (and org.kindling with it)
    requires transitive org.knowm.xchart;    // Plot.customize and Plot.toXChart hand out an XYChart
    requires transitive java.desktop;        // Plot.toImage returns a BufferedImage
    requires me.tongfei.progressbar;

    exports org.kindling.plot;
}
