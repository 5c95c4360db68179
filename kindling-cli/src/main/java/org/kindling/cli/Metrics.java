package org.kindling.cli;

import org.kindling.tabular.log.TrainingLog;

import java.util.LinkedHashMap;
import java.util.Map;

/** The numbers a run reports: final losses, and RMSE, MAE and R² in the target's own units. */
final class Metrics {
    private Metrics() {}

    static Map<String, Object> losses(TrainingLog log) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (log.epochs().isEmpty()) return m;
        TrainingLog.Epoch last = log.epochs().get(log.epochs().size() - 1);
        m.put("epochs run", last.epoch());
        m.put("final train loss", format(last.trainLoss()));
        last.valLoss().ifPresent(v -> m.put("final validation loss", format(v)));
        return m;
    }

    static Map<String, Object> regression(String rows, String target, boolean named, double[] truth, double[] pred) {
        int n = truth.length;
        double sse = 0, sae = 0, mean = 0;
        for (double t : truth) mean += t / n;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            double d = pred[i] - truth[i];
            sse += d * d;
            sae += Math.abs(d);
            sst += (truth[i] - mean) * (truth[i] - mean);
        }
        String suffix = named ? " (" + target + ")" : "";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(rows + " RMSE" + suffix, format(Math.sqrt(sse / n)));
        m.put(rows + " MAE" + suffix, format(sae / n));
        m.put(rows + " R²" + suffix, format(sst == 0 ? Double.NaN : 1 - sse / sst));
        return m;
    }

    static String format(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
