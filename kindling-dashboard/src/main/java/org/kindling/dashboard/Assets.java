package org.kindling.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's own files and uPlot's, read from the class path (nothing from the network, so the page
 * works offline). A fixed list: a request can name only these.
 */
final class Assets {
    private Assets() {}

    /** A file of the page, with its content type. */
    record Asset(String type, byte[] bytes) {}

    /** uPlot's files; the build copies them out of the uPlot WebJar (see this module's pom). */
    private static final String UPLOT = "/org/kindling/dashboard/web/uplot/";
    private static final String OWN = "/org/kindling/dashboard/web/";

    private static final Map<String, String> PATHS = Map.of(
            "index.html", OWN + "index.html",
            "app.js", OWN + "app.js",
            "charts.js", OWN + "charts.js",
            "app.css", OWN + "app.css",
            "uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "uPlot.min.css", UPLOT + "uPlot.min.css",
            "uPlot-LICENSE.txt", UPLOT + "LICENSE");

    private static final Map<String, Asset> LOADED = new ConcurrentHashMap<>();

    static Optional<Asset> get(String name) {
        String path = PATHS.get(name);
        if (path == null) return Optional.empty();
        return Optional.of(LOADED.computeIfAbsent(name, n -> load(path, type(n))));
    }

    private static Asset load(String path, String type) {
        try (InputStream in = Assets.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("dashboard: " + path + " is missing from the jar");
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard: cannot read " + path, e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) return "text/html";
        if (name.endsWith(".js")) return "text/javascript";
        if (name.endsWith(".css")) return "text/css";
        return "text/plain";
    }
}
