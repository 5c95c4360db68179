package org.kindling.cli;

import org.kindling.plot.Plots;
import org.kindling.plot.RunReport;
import org.kindling.tabular.log.TrainingLog;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classification run's results for people: accuracy and per-class metrics (summary, report and
 * {@code class-metrics.csv}), and the confusion matrix ({@code confusion-matrix.png/svg/csv}), all on the
 * validation rows (or every row when there are none). The table's targets and predictions are class indices.
 */
final class ClassificationArtifacts {
    static final String CONFUSION_PLOT = "confusion-matrix";

    private ClassificationArtifacts() {}

    static Artifacts.Drawn draw(RunFolder run, RunConfig config, TrainingLog log, PredictionTable table) {
        boolean[] eval = table.evaluationRows();
        String which = table.hasValidation() ? "validation" : "training";
        ClassificationMetrics m = ClassificationMetrics.of(config.classes(), table.column(table.targets(), 0, eval),
                table.column(table.predicted(), 0, eval));

        Map<String, Object> metrics = new LinkedHashMap<>(Metrics.losses(log));
        if (!log.epochs().isEmpty()) {
            Double trainAccuracy = log.epochs().get(log.epochs().size() - 1).metrics().get(Accuracy.TRAIN);
            if (trainAccuracy != null) metrics.put("final train accuracy", Metrics.format(trainAccuracy));
        }
        metrics.put(which + " accuracy", Metrics.format(m.accuracy()));
        metrics.put(which + " macro precision", Metrics.format(m.macro(m::precision)));
        metrics.put(which + " macro recall", Metrics.format(m.macro(m::recall)));
        metrics.put(which + " macro F1", Metrics.format(m.macro(m::f1)));

        m.writeClassMetrics(run.classMetrics());
        m.writeConfusion(run.confusionMatrix());
        Plots.confusionMatrix(m.confusion(), config.classes())
                .title("Confusion matrix (" + which + ", " + m.rows() + " rows)")
                .saveSvg(run.dir().resolve(CONFUSION_PLOT + ".svg")).savePng(run.dir().resolve(CONFUSION_PLOT + ".png"));

        RunReport report = Artifacts.report(config, metrics)
                .plot("Loss over epochs", "loss", Artifacts.lossCurve(config, log).title("Loss"))
                .image("Confusion matrix on the " + which + " rows: true class down, predicted class across "
                        + "(PNG: " + CONFUSION_PLOT + ".png)", Path.of(CONFUSION_PLOT + ".svg"));
        Map<String, Object> shown = new LinkedHashMap<>(metrics);
        for (int c = 0; c < config.classes().size(); c++) {
            shown.put("class " + config.classes().get(c) + ": precision / recall / F1 (rows)",
                    ClassificationMetrics.f(m.precision(c)) + " / " + ClassificationMetrics.f(m.recall(c)) + " / "
                            + ClassificationMetrics.f(m.f1(c)) + " (" + m.support(c) + ")");
        }
        report.metrics(shown).write(run.report());
        return new Artifacts.Drawn(metrics, List.of("loss", CONFUSION_PLOT));
    }
}
