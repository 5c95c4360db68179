package org.kindling.plot;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.kindling.tabular.log.TrainingLog;

/**
 * A one-page HTML report of a training run: title, final metrics, plots and configuration.
 *
 * <p>The page opens offline: no scripts, no web fonts, no CDN; a few lines of inline CSS. Plots are
 * separate files next to it, referenced by relative path (SVG in {@code <img>}, linked to the PNG), so
 * the run folder can be moved or zipped as a whole. All text is HTML-escaped.
 * <pre>{@code
 * RunReport.titled("sin(x) regression")
 *     .config(config)
 *     .metricsFrom(log)
 *     .plot("Loss", "loss", Plots.lossCurve(log))
 *     .plot("Model fit", "fit", Plots.fit(x, y, yPred))
 *     .write(runDir.resolve("report.html"));
 * }</pre>
 */
public final class RunReport {
    private static final Pattern BASE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private record Figure(String caption, Path image, Path link, Plot<?> plot, String baseName) {}

    private final String title;
    private String description = "";
    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();

    private RunReport(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Starts a report with the given page title. */
    public static RunReport titled(String title) {
        return new RunReport(title);
    }

    /** Sets a paragraph shown under the title. */
    public RunReport description(String text) {
        this.description = Objects.requireNonNull(text, "text");
        return this;
    }

    /** Adds configuration entries, shown as a key/value table in the map's order. */
    public RunReport config(Map<String, ?> entries) {
        entries.forEach(this::config);
        return this;
    }

    /** Adds one configuration entry; arrays are shown element by element. */
    public RunReport config(String key, Object value) {
        config.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** Adds one final metric. */
    public RunReport metric(String name, Object value) {
        metrics.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** Adds final metrics, in the map's order. */
    public RunReport metrics(Map<String, ?> entries) {
        entries.forEach(this::metric);
        return this;
    }

    /**
     * Adds the metrics of the log's last epoch (train loss, validation loss, extra metrics), the best
     * validation loss with its epoch, and the number of epochs and steps.
     */
    public RunReport metricsFrom(TrainingLog log) {
        List<TrainingLog.Epoch> epochs = log.epochs();
        if (!epochs.isEmpty()) {
            TrainingLog.Epoch last = epochs.get(epochs.size() - 1);
            metric("epochs", epochs.size());
            metric("final train loss", last.trainLoss());
            if (last.valLoss().isPresent()) {
                metric("final validation loss", last.valLoss().getAsDouble());
            }
            TrainingLog.Epoch best = null;
            for (TrainingLog.Epoch e : epochs) {
                if (e.valLoss().isPresent() && !Double.isNaN(e.valLoss().getAsDouble())
                        && (best == null || e.valLoss().getAsDouble() < best.valLoss().getAsDouble())) {
                    best = e;
                }
            }
            if (best != null) {
                metric("best validation loss", HtmlText.number(best.valLoss().getAsDouble())
                        + " (epoch " + best.epoch() + ")");
            }
            last.metrics().forEach((name, value) -> metric("final " + name, value));
        }
        List<TrainingLog.Step> steps = log.steps();
        if (!steps.isEmpty()) {
            metric("steps", steps.size());
            if (epochs.isEmpty()) {
                metric("final step loss", steps.get(steps.size() - 1).loss());
            }
        }
        return this;
    }

    /**
     * Adds an existing image file; a relative path is taken relative to the report's directory. The file
     * must exist when the report is written.
     */
    public RunReport image(String caption, Path file) {
        figures.add(new Figure(Objects.requireNonNull(caption, "caption"),
                Objects.requireNonNull(file, "file"), null, null, null));
        return this;
    }

    /**
     * Adds a plot, saved when the report is written as {@code baseName.svg} (shown) and
     * {@code baseName.png} (linked) in the report's directory.
     */
    public RunReport plot(String caption, String baseName, Plot<?> plot) {
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(plot, "plot");
        if (baseName == null || !BASE_NAME.matcher(baseName).matches()) {
            throw new IllegalArgumentException("report: plot file name \"" + baseName
                    + "\" must be letters, digits, '.', '_' or '-' and start with a letter or digit");
        }
        for (Figure f : figures) {
            if (baseName.equals(f.baseName())) {
                throw new IllegalArgumentException("report: two plots named \"" + baseName + "\"");
            }
        }
        figures.add(new Figure(caption, Path.of(baseName + ".svg"), Path.of(baseName + ".png"), plot, baseName));
        return this;
    }

    /**
     * Saves the plots and writes the page (atomically, like the plots), creating directories. The plot
     * files are drawn in parallel, so a {@link Plot#customize customizer} may run on several threads.
     *
     * @return the written file
     * @throws IllegalStateException if an image added with {@link #image} does not exist
     */
    public Path write(Path htmlFile) {
        Path dir = htmlFile.toAbsolutePath().normalize().getParent();
        // Each file is drawn from its own chart, so they render in parallel (a chart is not thread-safe);
        // the files are the same whatever the order.
        List<Runnable> files = new ArrayList<>();
        for (Figure f : figures) {
            if (f.plot() != null) {
                files.add(() -> f.plot().saveSvg(dir.resolve(f.image())));
                files.add(() -> f.plot().savePng(dir.resolve(f.link())));
            }
        }
        files.parallelStream().forEach(Runnable::run);
        for (Figure f : figures) {
            Path image = dir.resolve(f.image()).normalize();
            if (!Files.isRegularFile(image)) {
                throw new IllegalStateException("report: image \"" + f.caption() + "\" file " + image
                        + " does not exist");
            }
        }
        ChartFiles.writeTextAtomically(htmlFile, html(dir));
        return htmlFile;
    }

    private String html(Path dir) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Kindling\">\n")
                .append("<title>").append(HtmlText.escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(HtmlText.escape(title)).append("</h1>\n");
        if (!description.isEmpty()) {
            h.append("<p class=\"description\">").append(HtmlText.escape(description)).append("</p>\n");
        }
        if (!metrics.isEmpty()) {
            h.append("<section>\n<h2>Final metrics</h2>\n");
            table(h, "metrics", metrics);
            h.append("</section>\n");
        }
        if (!figures.isEmpty()) {
            h.append("<section>\n<h2>Plots</h2>\n");
            for (Figure f : figures) {
                figure(h, dir, f);
            }
            h.append("</section>\n");
        }
        if (!config.isEmpty()) {
            h.append("<section>\n<h2>Configuration</h2>\n");
            table(h, "config", config);
            h.append("</section>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, String cssClass, Map<String, Object> rows) {
        h.append("<table class=\"").append(cssClass).append("\">\n<tbody>\n");
        rows.forEach((key, value) -> h.append("<tr><th scope=\"row\">").append(HtmlText.escape(key))
                .append("</th><td>").append(HtmlText.escape(HtmlText.value(value))).append("</td></tr>\n"));
        h.append("</tbody>\n</table>\n");
    }

    private static void figure(StringBuilder h, Path dir, Figure f) {
        String src = HtmlText.escape(relativeUrl(dir, f.image()));
        String alt = HtmlText.escape(f.caption());
        h.append("<figure>\n");
        if (f.link() != null) {
            h.append("<a href=\"").append(HtmlText.escape(relativeUrl(dir, f.link()))).append("\">");
        }
        h.append("<img src=\"").append(src).append("\" alt=\"").append(alt).append('"');
        if (f.plot() != null) {
            h.append(" width=\"").append(f.plot().width()).append("\" height=\"").append(f.plot().height())
                    .append('"');
        }
        h.append('>');
        if (f.link() != null) {
            h.append("</a>");
        }
        h.append("\n<figcaption>").append(alt).append("</figcaption>\n</figure>\n");
    }

    /** The file's path relative to the report directory as a URL path: '/'-separated, percent-encoded. */
    static String relativeUrl(Path dir, Path file) {
        Path relative = dir.relativize(dir.resolve(file).normalize());
        StringBuilder path = new StringBuilder();
        for (Path part : relative) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(part);
        }
        // A colon in the first segment would read as a URL scheme ("c:plot.svg").
        int slash = path.indexOf("/");
        if (path.substring(0, slash < 0 ? path.length() : slash).contains(":")) {
            path.insert(0, "./");
        }
        try {
            return new URI(null, null, path.toString(), null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("report: cannot reference " + file + ": " + e.getMessage(), e);
        }
    }

    private static final String CSS = """
            :root { color-scheme: light; }
            body { margin: 0; background: #f6f7f9; color: #222;
              font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 980px; margin: 0 auto; padding: 28px 24px 48px; }
            h1 { font-size: 26px; font-weight: 600; margin: 0 0 6px; }
            h2 { font-size: 18px; font-weight: 600; margin: 32px 0 12px; }
            .description { color: #555; margin: 0; }
            table { border-collapse: collapse; background: #fff; border: 1px solid #ddd; min-width: 50%; }
            th, td { text-align: left; padding: 6px 14px; border-bottom: 1px solid #eee; vertical-align: top; }
            th { font-weight: 500; color: #444; white-space: nowrap; }
            td { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
              font-size: 14px; overflow-wrap: anywhere; }
            table.metrics td { font-weight: 600; }
            figure { margin: 0 0 24px; background: #fff; border: 1px solid #ddd; padding: 12px; }
            figure img { display: block; max-width: 100%; height: auto; margin: 0 auto; }
            figcaption { color: #555; font-size: 14px; margin-top: 6px; text-align: center; }
            """;
}
