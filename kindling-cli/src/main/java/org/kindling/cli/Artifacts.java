package org.kindling.cli;

import org.kindling.Tensor;
import org.kindling.plot.LossCurvePlot;
import org.kindling.plot.Plots;
import org.kindling.plot.RunReport;
import org.kindling.tabular.log.TrainingLog;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run leaves for people: predictions, plots (PNG and SVG) and the HTML report. */
final class Artifacts {
    private Artifacts() {}

    /** After training: the predictions table (validation rows unless all were asked for), then plots and the report; prints a summary. */
    static void writeResults(RunFolder run, RunConfig config, PredictionTable table, TrainingLog log, PrintStream out) {
        table.write(run.predictions());
        Drawn drawn = draw(run, config, log, table);
        out.println();
        drawn.metrics().forEach((k, v) -> out.printf("  %-28s %s%n", k, v));
        List<String> files = new ArrayList<>(List.of("report.html"));
        for (String plot : drawn.plots()) files.add(plot + ".png/svg");
        if (config.classifies()) files.addAll(List.of("class-metrics.csv", "confusion-matrix.csv"));
        files.addAll(List.of("model.safetensors", "checkpoint.safetensors", "metrics.jsonl", "predictions.csv", "config.json"));
        out.println("Wrote " + run.dir() + ": " + String.join(", ", files));
    }

    /** What {@link #draw} showed: the metrics, and the base names of the plot files it wrote (PNG and SVG each). */
    record Drawn(Map<String, Object> metrics, List<String> plots) {}

    /** Plots and report from a run folder's log and predictions. */
    static Drawn draw(RunFolder run, RunConfig config, TrainingLog log, PredictionTable table) {
        if (config.classifies()) return ClassificationArtifacts.draw(run, config, log, table);
        Map<String, Object> metrics = new LinkedHashMap<>(Metrics.losses(log));
        List<String> plots = new ArrayList<>(List.of("loss"));
        boolean[] eval = table.evaluationRows();
        String which = table.hasValidation() ? "validation" : "training";
        RunReport report = report(config, metrics)
                .plot("Loss over epochs", "loss", lossCurve(config, log).title("Loss"));
        for (int t = 0; t < config.targets().size(); t++) {
            String target = config.targets().get(t);
            double[] truth = table.column(table.targets(), t, eval), pred = table.column(table.predicted(), t, eval);
            metrics.putAll(Metrics.regression(which, target, config.targets().size() > 1, truth, pred));
            String suffix = config.targets().size() > 1 ? "-" + target : "";
            plots.add("predictions" + suffix);
            report.plot("Predictions against ground truth (" + which + " rows, " + target + ")", "predictions" + suffix,
                    Plots.predictions(truth, pred).title("Predicted vs true " + target + " (" + which + ")")
                            .xLabel("true " + target).yLabel("predicted " + target));
            if (config.features().size() == 1) {
                boolean[] all = new boolean[table.rows()];
                java.util.Arrays.fill(all, true);
                plots.add("fit" + suffix);
                report.plot("The fitted curve over the data", "fit" + suffix,
                        Plots.fit(table.column(table.features(), 0, all), table.column(table.targets(), t, all),
                                table.column(table.predicted(), t, all)).title("Model fit").xLabel(config.features().get(0))
                                .yLabel(target));
            }
        }
        report.metrics(metrics).write(run.report());
        return new Drawn(metrics, plots);
    }

    /** After a diverged run: the loss curve and a report saying what happened. */
    static void writeAfterDivergence(RunFolder run, RunConfig config, TrainingLog log) {
        if (log.epochs().isEmpty() && log.steps().isEmpty()) return;
        report(config, Metrics.losses(log))
                .description("Training stopped: the loss became NaN or infinite. Try a smaller learning rate.")
                .plot("Loss until it diverged", "loss", lossCurve(config, log).title("Loss"))
                .write(run.report());
    }

    static LossCurvePlot lossCurve(RunConfig config, TrainingLog log) {
        return Plots.lossCurve(log).logScale(true).yLabel(lossAxisLabel(config));
    }

    /** Says what the loss is measured on: standardized targets, unlike the metrics, which are in target units. */
    static String lossAxisLabel(RunConfig config) {
        String name = switch (config.loss()) {
            case "mse" -> "MSE loss";
            case "l1" -> "L1 loss";
            case "huber" -> "Huber loss";
            default -> config.loss() + " loss";
        };
        if (config.classifies()) return "Cross-entropy loss";
        boolean several = config.targets().size() > 1;
        if (config.standardize()) return name + " (standardized target" + (several ? "s" : "") + ")";
        String units = several ? "target units" : "units of " + config.targets().get(0);
        return switch (config.loss()) {
            case "mse" -> name + " (" + units + ", squared)";
            case "l1" -> name + " (" + units + ")";
            default -> name;
        };
    }

    static RunReport report(RunConfig config, Map<String, Object> metrics) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("data", config.data() != null ? config.data() : config.dataset());
        settings.put("features", String.join(", ", config.features()));
        settings.put("targets", String.join(", ", config.targets()));
        if (config.classifies()) settings.put("classes (index order)", String.join(", ", config.classes()));
        settings.put("model", Networks.describe(config, config.features().size()));
        settings.put("loss", config.loss());
        settings.put("optimizer", config.optimizer() + " (lr " + config.lr()
                + (config.optimizer().equals("sgd") ? ", momentum " + config.momentum() : "") + ")");
        settings.put("epochs", config.epochs());
        settings.put("batch size", config.batchSize() == Defaults.FULL_BATCH ? "full batch" : config.batchSize());
        settings.put("validation split", config.valSplit());
        settings.put("standardized", config.standardize());
        settings.put("seed", config.seed());
        return RunReport.titled("Kindling run: " + config.dataset()).config(settings);
    }

    static float[][] rows(Tensor t) {
        int n = t.size(0), k = t.size(1);
        float[] flat = t.toFloatArray();
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) System.arraycopy(flat, i * k, out[i], 0, k);
        return out;
    }

}
