package org.kindling.dashboard;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A running dashboard: a local web server over a folder of runs written by {@code kindling train}.
 * The page lists the runs, draws their loss curves (live while a run trains) and shows each run's
 * configuration and plots. It only reads: every endpoint is a GET, and only files inside the runs
 * folder are served.
 *
 * <pre>{@code
 * try (Dashboard d = Dashboard.start(Path.of("runs"), Dashboard.options())) {
 *     System.out.println("Dashboard at " + d.uri());
 *     d.join();
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
    /** Loopback only, unless asked otherwise: the page shows whatever the runs folder holds. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** TensorBoard's port plus one, so both can run side by side. */
    public static final int DEFAULT_PORT = 6007;

    /**
     * Where to listen. {@code port} 0 takes a free port; {@code staleSeconds} is how long an unfinished
     * run's log may stay unchanged before the run counts as stopped rather than running.
     */
    public record Options(String host, int port, int staleSeconds) {
        public Options {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            if (staleSeconds <= 0) throw new IllegalArgumentException("staleSeconds must be positive, got " + staleSeconds);
        }

        /** These options listening on {@code newHost}. */
        public Options host(String newHost) {
            return new Options(newHost, port, staleSeconds);
        }

        /** These options listening on {@code newPort} (0: any free port). */
        public Options port(int newPort) {
            return new Options(host, newPort, staleSeconds);
        }

        /** These options with another time after which a silent, unfinished run counts as stopped. */
        public Options staleSeconds(int seconds) {
            return new Options(host, port, seconds);
        }
    }

    /** The defaults: {@value #DEFAULT_HOST}, port {@value #DEFAULT_PORT}, runs stopped after 60 s without progress. */
    public static Options options() {
        return new Options(DEFAULT_HOST, DEFAULT_PORT, 60);
    }

    private final Server server;
    private final ServerConnector connector;
    private final URI uri;

    private Dashboard(Server server, ServerConnector connector, URI uri) {
        this.server = server;
        this.connector = connector;
        this.uri = uri;
    }

    /**
     * Starts serving {@code runsDir} (which must exist) and returns once the server listens.
     *
     * @throws UncheckedIOException when the folder is missing or the address cannot be bound (port in use)
     * @throws IllegalArgumentException when the host is not an address of this machine or a resolvable name
     */
    public static Dashboard start(Path runsDir, Options options) {
        if (!Files.isDirectory(runsDir)) {
            throw new UncheckedIOException(new IOException("dashboard: " + runsDir + " is not a folder (give the folder that holds the runs)"));
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(options.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("dashboard: unknown host '" + options.host() + "'", e);
        }
        ObjectMapper json = mapper();
        RunsFolder folder;
        try {
            folder = new RunsFolder(runsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("dashboard: cannot open " + runsDir + ": " + e.getMessage(), e);
        }
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("kindling-dashboard");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // Jetty refuses encoded ".." and "/" before the handler sees them; it would also refuse %25 (a run
        // name with a "%" in it). The handler decodes each segment once and checks it, so that one may pass.
        http.setUriCompliance(UriCompliance.DEFAULT.with("DASHBOARD", UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING));
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(options.host());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setHandler(new DashboardHandler(folder, new RunInspector(json, options.staleSeconds() * 1000L), json,
                address.isLoopbackAddress()));
        server.setErrorHandler(new JsonErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is the one to report
            }
            throw new UncheckedIOException("dashboard: cannot listen on " + options.host() + ":" + options.port()
                    + ": " + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return new Dashboard(server, connector, URI.create("http://" + host + ":" + connector.getLocalPort() + "/"));
    }

    /** The JSON reader for config.json and the log's lines (NaN allowed, as the log writes a diverged loss). */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:6007/}. */
    public URI uri() {
        return uri;
    }

    /** The port listened on (the one chosen when the options asked for port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** Blocks until the server stops (Ctrl-C, or {@link #close()} from another thread). */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the server; open live streams end. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("dashboard: cannot stop the server: " + e.getMessage(), e);
        }
    }
}
