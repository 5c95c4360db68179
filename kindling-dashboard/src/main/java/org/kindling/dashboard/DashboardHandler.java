package org.kindling.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Routes the dashboard's requests. Only GET; every name in a path goes through {@link RunsFolder};
 * every failure is a JSON error with a 4xx status and a message, never a stack trace.
 *
 * <pre>
 * GET /                          the page
 * GET /assets/NAME               the page's script and style, and uPlot's
 * GET /api/runs                  every run's summary
 * GET /api/runs/RUN              one run: summary, configuration, files
 * GET /api/runs/RUN/metrics      the whole metrics log as JSON
 * GET /api/runs/RUN/events       the metrics log as it grows (server-sent events)
 * GET /files/RUN/FILE            a file of the run folder (plots, report, predictions)
 * </pre>
 */
final class DashboardHandler extends Handler.Abstract {
    private static final System.Logger LOG = System.getLogger(DashboardHandler.class.getName());

    private final RunsFolder folder;
    private final RunInspector inspector;
    private final ObjectMapper json;
    private final boolean loopbackOnly;
    private final EventStreams streams;

    DashboardHandler(RunsFolder folder, RunInspector inspector, ObjectMapper json, boolean loopbackOnly) {
        this.folder = folder;
        this.inspector = inspector;
        this.json = json;
        this.loopbackOnly = loopbackOnly;
        this.streams = new EventStreams(inspector, json);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Http.secure(response);
        try {
            if (!request.getMethod().equals("GET")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET");
                throw new Http.Refused(405, "only GET: the dashboard reads, it never changes anything");
            }
            if (loopbackOnly && !isLocalHost(request.getHeaders().get(HttpHeader.HOST))) {
                // A page on another site that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
                throw new Http.Refused(403, "this dashboard answers only to localhost, 127.0.0.1 or [::1]");
            }
            route(Http.segments(request.getHttpURI().getPath()), request, response, callback);
        } catch (Http.Refused e) {
            Http.error(response, callback, e.status, e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Most likely a file that vanished or changed between checks. The stack goes to the log, not the page.
            LOG.log(System.Logger.Level.WARNING, "dashboard: " + request.getHttpURI().getPath() + " failed", e);
            Http.error(response, callback, 409, "could not read the runs folder (did it change while it was read?): "
                    + e.getClass().getSimpleName());
        }
        return true;
    }

    private void route(List<String> path, Request request, Response response, Callback callback)
            throws Http.Refused, IOException {
        int n = path.size();
        if (n == 0) {
            asset(response, callback, "index.html");
        } else if (n == 2 && path.get(0).equals("assets")) {
            asset(response, callback, path.get(1));
        } else if (n >= 2 && path.get(0).equals("api") && path.get(1).equals("runs")) {
            api(path.subList(2, n), request, response, callback);
        } else if (n == 3 && path.get(0).equals("files")) {
            file(path.get(1), path.get(2), response, callback);
        } else {
            throw new Http.Refused(404, "no such page");
        }
    }

    private void api(List<String> path, Request request, Response response, Callback callback)
            throws Http.Refused, IOException {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (path.isEmpty()) {
            List<RunSummary> runs = new ArrayList<>();
            for (String name : folder.runNames()) {
                folder.run(name).ifPresent(dir -> runs.add(inspector.summarize(name, dir)));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("folder", folder.root().toString());
            body.put("runs", runs);
            Http.json(response, callback, 200, body, json);
            return;
        }
        String name = path.get(0);
        Path dir = folder.run(name).orElseThrow(() -> new Http.Refused(404, "no run named " + name));
        if (path.size() == 1) {
            Http.json(response, callback, 200, detail(name, dir), json);
        } else if (path.size() == 2 && path.get(1).equals("metrics")) {
            metrics(dir, response, callback);
        } else if (path.size() == 2 && path.get(1).equals("events")) {
            streams.serve(name, dir, request, response, callback);
        } else {
            throw new Http.Refused(404, "no such page");
        }
    }

    /** The summary, the configuration as written, and the files the page can link to. */
    private Map<String, Object> detail(String name, Path dir) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", inspector.summarize(name, dir));
        body.put("config", inspector.config(dir).node());
        List<String> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String file = p.getFileName().toString();
                if (folder.file(name, file).isPresent()) files.add(file);
            }
        }
        files.sort(null);
        body.put("files", files);
        return body;
    }

    private void metrics(Path dir, Response response, Callback callback) throws IOException {
        MetricsTail tail = new MetricsTail(dir.resolve(RunInspector.METRICS), json);
        List<Object> steps = new ArrayList<>();
        List<Object> epochs = new ArrayList<>();
        for (MetricsTail.Batch b = tail.poll(); !b.isEmpty(); b = tail.poll()) {
            if (b.problem() != null) {
                Http.error(response, callback, 422, b.problem());
                return;
            }
            b.steps().forEach(s -> steps.add(EventStreams.point(s)));
            epochs.addAll(b.epochs());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("steps", steps);
        body.put("epochs", epochs);
        Http.json(response, callback, 200, body, json);
    }

    private void file(String run, String name, Response response, Callback callback) throws Http.Refused, IOException {
        Path file = folder.file(run, name).orElseThrow(() -> new Http.Refused(404, "no file " + name + " in run " + run));
        String type = contentType(name);
        response.setStatus(200);
        var h = response.getHeaders();
        h.put(HttpHeader.CONTENT_TYPE, type);
        h.put(HttpHeader.CONTENT_LENGTH, Files.size(file));
        h.put(HttpHeader.CACHE_CONTROL, "no-cache");
        // A report or SVG from the folder may hold script: show it in a sandbox with no access to this site.
        h.put("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'");
        if (type.equals("application/octet-stream")) {
            h.put(HttpHeader.CONTENT_DISPOSITION, "attachment");
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            Files.copy(file, out);
        } catch (IOException e) {
            callback.failed(e); // the answer has begun: only closing the connection can tell the browser
            return;
        }
        callback.succeeded();
    }

    private void asset(Response response, Callback callback, String name) throws Http.Refused, IOException {
        Assets.Asset a = Assets.get(name).orElseThrow(() -> new Http.Refused(404, "no asset " + name));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        if (name.equals("index.html")) {
            response.getHeaders().put("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        }
        Http.send(response, callback, 200, a.type(), a.bytes());
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "png" -> "image/png";
            case "svg" -> "image/svg+xml";
            case "html" -> "text/html; charset=utf-8";
            case "csv" -> "text/csv; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "jsonl", "txt", "log" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    /** Whether a Host header names this machine's loopback: localhost, 127.x.x.x or [::1], any port. */
    static boolean isLocalHost(String host) {
        if (host == null) return false;
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            return h.startsWith("[::1]") && (h.length() == 5 || h.charAt(5) == ':');
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
