package org.kindling.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * A run's metrics log as server-sent events, as lines are appended to it. Events:
 * <ul>
 * <li>{@code metrics}: {@code {"reset": bool, "steps": [[n, loss], ...], "epochs": [{...}, ...]}}, the
 *     records appended since the last event; {@code reset} tells the page to drop what it had (a new
 *     connection, or a log cut by a resumed run);</li>
 * <li>{@code status}: the run's summary, whenever its status or epoch changes;</li>
 * <li>{@code problem}: {@code {"error": "metrics.jsonl:7: ..."}}, a malformed line; the stream ends;</li>
 * <li>{@code end}: the run is finished, failed or stopped and everything was sent; the stream ends.</li>
 * </ul>
 * Each stream holds one server thread while open, hence a cap on how many may be open at once.
 */
final class EventStreams {
    private static final long POLL_MILLIS = 200;
    private static final long STATUS_MILLIS = 1000;
    private static final long KEEPALIVE_MILLIS = 15_000;
    private static final int MAX_STREAMS = 24;
    private static final Set<String> DONE = Set.of(RunStatus.FINISHED.label(), RunStatus.FAILED.label(),
            RunStatus.STOPPED.label(), RunStatus.CORRUPT.label());

    private final RunInspector inspector;
    private final ObjectMapper json;
    private final Semaphore open = new Semaphore(MAX_STREAMS);

    EventStreams(RunInspector inspector, ObjectMapper json) {
        this.inspector = inspector;
        this.json = json;
    }

    void serve(String name, Path dir, Request request, Response response, Callback callback) throws Http.Refused {
        if (!open.tryAcquire()) {
            throw new Http.Refused(503, "too many live views open (" + MAX_STREAMS + "); close some tabs");
        }
        try {
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                stream(name, dir, out);
            } catch (IOException e) {
                // the page went away (tab closed, reloaded): nothing to tell anyone
            }
            callback.succeeded();
        } finally {
            open.release();
        }
    }

    private void stream(String name, Path dir, OutputStream out) throws IOException {
        MetricsTail tail = new MetricsTail(dir.resolve(RunInspector.METRICS), json);
        send(out, null, "retry: 2000\n\n");
        boolean first = true;
        RunSummary shown = null;
        long lastStatus = 0, lastWrite = System.currentTimeMillis();
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.currentTimeMillis();
            boolean done = false;
            if (now - lastStatus >= STATUS_MILLIS) {
                RunSummary s = inspector.summarize(name, dir);
                if (shown == null || !s.status().equals(shown.status()) || s.epochsDone() != shown.epochsDone()) {
                    send(out, "status", json.writeValueAsString(s));
                    lastWrite = now;
                    shown = s;
                }
                done = DONE.contains(s.status());
                lastStatus = now;
            }
            MetricsTail.Batch batch = tail.poll();
            if (batch.problem() != null) {
                if (!batch.steps().isEmpty() || !batch.epochs().isEmpty() || first) {
                    send(out, "metrics", json.writeValueAsString(event(batch, first)));
                }
                send(out, "problem", "{\"error\":" + Http.quote(batch.problem()) + "}");
                return;
            }
            if (!batch.isEmpty() || first) {
                send(out, "metrics", json.writeValueAsString(event(batch, first)));
                first = false;
                lastWrite = now;
                continue; // more may be waiting (a long log comes in several events)
            }
            if (done) {
                send(out, "end", "{}");
                return;
            }
            if (now - lastWrite >= KEEPALIVE_MILLIS) {
                send(out, null, ": keep-alive\n\n"); // also finds out when the page has gone
                lastWrite = now;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the server is stopping
            }
        }
    }

    private static Map<String, Object> event(MetricsTail.Batch batch, boolean first) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("reset", first || batch.reset());
        List<Object> steps = new ArrayList<>(batch.steps().size());
        batch.steps().forEach(s -> steps.add(point(s)));
        e.put("steps", steps);
        e.put("epochs", batch.epochs());
        return e;
    }

    /** A step as {@code [n, loss]}, a non-finite loss as null. */
    static List<Object> point(double[] s) {
        return Arrays.asList((long) s[0], Double.isFinite(s[1]) ? s[1] : null);
    }

    private static void send(OutputStream out, String event, String data) throws IOException {
        String text = event == null ? data : "event: " + event + "\ndata: " + data + "\n\n";
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
