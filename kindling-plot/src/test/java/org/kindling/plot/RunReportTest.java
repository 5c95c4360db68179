package org.kindling.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.tabular.log.TrainingLog;

class RunReportTest {
    @TempDir
    Path dir;

    private static List<String> attributes(String html, String attribute) {
        Matcher m = Pattern.compile(attribute + "=\"([^\"]*)\"").matcher(html);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    @Test
    void writesPlotsAndReferencesThemByRelativePaths() throws Exception {
        Path run = dir.resolve("run 1");
        Path existing = run.resolve("extra/old plot.svg");
        Plots.predictions(new double[] {1, 2, 3}, new double[] {1.1, 2.2, 2.7}).saveSvg(existing);

        Path html = RunReport.titled("sin(x)")
                .plot("Loss", "loss", Plots.lossCurve(LossCurvePlotTest.sampleLog()))
                .image("Earlier predictions", Path.of("extra/old plot.svg"))
                .write(run.resolve("report.html"));

        String page = Files.readString(html);
        List<String> src = attributes(page, "src");
        List<String> href = attributes(page, "href");
        assertEquals(List.of("loss.svg", "extra/old%20plot.svg"), src);
        assertEquals(List.of("loss.png"), href);
        for (String ref : concat(src, href)) {
            Path file = run.resolve(java.net.URLDecoder.decode(ref.replace("+", "%2B"), "UTF-8"));
            assertTrue(Files.isRegularFile(file), ref + " does not exist");
        }
        ImageAssertions.assertSvg(run.resolve("loss.svg"), 640, 400);
        ImageAssertions.assertPng(run.resolve("loss.png"), 1280, 800);
        assertTrue(page.contains("width=\"640\" height=\"400\""), "plot size should be on the <img>");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void opensOfflineWithoutScriptsOrRemoteResources() throws Exception {
        Path html = RunReport.titled("offline")
                .plot("Fit", "fit", Plots.fit(new double[] {0, 1, 2}, new double[] {0, 1, 4}, new double[] {0, 1.2, 3.8}))
                .config("lr", 0.01)
                .write(dir.resolve("report.html"));
        String page = Files.readString(html).toLowerCase();
        assertFalse(page.contains("<script"), "no scripts");
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("//cdn"),
                "no remote resources");
        assertFalse(page.contains("<link"), "no external stylesheets");
        assertTrue(page.contains("<style>"), "inline CSS");
        assertTrue(page.startsWith("<!doctype html>"));
    }

    @Test
    void escapesEverythingItShows() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("<b>model</b>", "MyModel(1 -> 64 -> 1) & \"friends\"");
        config.put("note", "it's <script>alert(1)</script>");
        Path html = RunReport.titled("A <title> & more")
                .description("x < y > z")
                .config(config)
                .metric("loss<", "<0.1>")
                .plot("caption \"quoted\" <i>", "fit", Plots.fit(new double[] {0, 1}, new double[] {0, 1},
                        new double[] {0, 1}))
                .write(dir.resolve("report.html"));
        String page = Files.readString(html);
        assertFalse(page.contains("<script>"));
        assertFalse(page.contains("<b>model"));
        assertFalse(page.contains("<i>"));
        assertFalse(page.contains("<title> &"));
        assertTrue(page.contains("<title>A &lt;title&gt; &amp; more</title>"), page);
        assertTrue(page.contains("<th scope=\"row\">&lt;b&gt;model&lt;/b&gt;</th>"
                + "<td>MyModel(1 -&gt; 64 -&gt; 1) &amp; &quot;friends&quot;</td>"));
        assertTrue(page.contains("it&#39;s &lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(page.contains("x &lt; y &gt; z"));
        assertTrue(page.contains("<th scope=\"row\">loss&lt;</th><td>&lt;0.1&gt;</td>"));
        assertTrue(page.contains("alt=\"caption &quot;quoted&quot; &lt;i&gt;\""));
    }

    @Test
    void rendersConfigAndMetricsInOrderWithReadableNumbers() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epochs", 100);
        config.put("lr", 0.01);
        config.put("hidden", new int[] {64, 64});
        config.put("activation", "relu");
        Path html = RunReport.titled("run")
                .config(config)
                .metric("final loss", 0.012345678)
                .metric("tiny", 1.5e-7)
                .metric("count", 3L)
                .write(dir.resolve("report.html"));
        String page = Files.readString(html);
        String rows = "<tr><th scope=\"row\">epochs</th><td>100</td></tr>\n"
                + "<tr><th scope=\"row\">lr</th><td>0.01</td></tr>\n"
                + "<tr><th scope=\"row\">hidden</th><td>[64, 64]</td></tr>\n"
                + "<tr><th scope=\"row\">activation</th><td>relu</td></tr>\n";
        assertTrue(page.contains(rows), page);
        assertTrue(page.contains("<td>0.0123457</td>"), page);
        assertTrue(page.contains("<td>1.5e-07</td>"), page);
        assertTrue(page.contains("<td>3</td>"), page);
        assertTrue(page.indexOf("Final metrics") < page.indexOf("Configuration"));
    }

    @Test
    void metricsFromALog() throws Exception {
        TrainingLog log = new TrainingLog();
        log.step(1, 0, 0.9);
        log.epoch(1, 0.8, 0.7, Map.of("accuracy", 0.5));
        log.step(2, 0, 0.6);
        log.epoch(2, 0.5, 0.4, Map.of("accuracy", 0.75));
        log.step(3, 0, 0.3);
        log.epoch(3, 0.25, 0.45, Map.of("accuracy", 0.875));
        String page = Files.readString(RunReport.titled("m").metricsFrom(log).write(dir.resolve("r.html")));
        String rows = "<tr><th scope=\"row\">epochs</th><td>3</td></tr>\n"
                + "<tr><th scope=\"row\">final train loss</th><td>0.25</td></tr>\n"
                + "<tr><th scope=\"row\">final validation loss</th><td>0.45</td></tr>\n"
                + "<tr><th scope=\"row\">best validation loss</th><td>0.4 (epoch 2)</td></tr>\n"
                + "<tr><th scope=\"row\">final accuracy</th><td>0.875</td></tr>\n"
                + "<tr><th scope=\"row\">steps</th><td>3</td></tr>\n";
        assertTrue(page.contains(rows), page);
    }

    @Test
    void refusesMissingImagesAndBadNames() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> RunReport.titled("t").image("Loss", Path.of("nope.svg")).write(dir.resolve("r.html")));
        assertTrue(missing.getMessage().contains(dir.resolve("nope.svg").toString()), missing.getMessage());
        assertFalse(Files.exists(dir.resolve("r.html")), "no report with a broken image");

        LossCurvePlot plot = Plots.lossCurve(LossCurvePlotTest.sampleLog());
        assertThrows(IllegalArgumentException.class, () -> RunReport.titled("t").plot("x", "../loss", plot));
        assertThrows(IllegalArgumentException.class, () -> RunReport.titled("t").plot("x", "a/b", plot));
        assertThrows(IllegalArgumentException.class, () -> RunReport.titled("t").plot("x", ".hidden", plot));
        assertThrows(IllegalArgumentException.class,
                () -> RunReport.titled("t").plot("x", "loss", plot).plot("y", "loss", plot));
    }

    @Test
    void relativeUrls() {
        Path d = dir.resolve("run");
        assertEquals("loss.svg", RunReport.relativeUrl(d, Path.of("loss.svg")));
        assertEquals("plots/a%20b.svg", RunReport.relativeUrl(d, d.resolve("plots/a b.svg")));
        assertEquals("../images/x.png", RunReport.relativeUrl(d, dir.resolve("images/x.png")));
        assertEquals("./c:x.svg", RunReport.relativeUrl(d, Path.of("c:x.svg")));
        assertEquals("100%25%23.svg", RunReport.relativeUrl(d, Path.of("100%#.svg")));
    }
}
