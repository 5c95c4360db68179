package org.kindling.cli;

import org.kindling.dashboard.Dashboard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code kindling serve}: the live dashboard of a runs folder, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a dashboard of the runs in a folder: every run with its status and final metrics, loss curves "
                + "that update live while a run trains, several runs overlaid, each run's configuration and plots.",
                "Read-only, and on 127.0.0.1 only unless --host says otherwise. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {
    /** Where the dashboard listens; shared by {@code serve} and {@code train --serve}. */
    static final class Address {
        @Option(names = "--host", paramLabel = "HOST", description = "address to listen on (default: 127.0.0.1, this "
                + "machine only; 0.0.0.0 shows your runs to your whole network)")
        String host = Dashboard.DEFAULT_HOST;

        @Option(names = "--port", paramLabel = "N", description = "port (default: " + Dashboard.DEFAULT_PORT + "; 0 picks a free one)")
        int port = Dashboard.DEFAULT_PORT;
    }

    /** Told of every dashboard started, so tests can reach it and stop it (stopping ends the command). */
    static volatile Consumer<Dashboard> onStart = d -> {};

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUNS_DIR", description = "the folder of runs (default: runs)")
    Path runs = Path.of("runs");

    @Mixin
    Address address;

    @Option(names = "--verbose", description = "print stack traces of failures")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(runs)) {
            throw new UsageError("no folder " + UserText.value(runs.toString()) + ": give the folder that holds the runs "
                    + "(kindling train writes them to runs/ by default)");
        }
        start(runs, address, System.out).join();
        return 0;
    }

    /** Starts the dashboard and prints its address. */
    static Dashboard start(Path runs, Address address, PrintStream out) {
        if (address.port < 0 || address.port > 65535) throw new UsageError("--port must be in 0..65535, got " + address.port);
        Dashboard d;
        try {
            d = Dashboard.start(runs, Dashboard.options().host(address.host).port(address.port));
        } catch (java.io.UncheckedIOException e) {
            throw new UsageError(e.getMessage() + (address.port != 0 ? " (is another dashboard running? try --port 0)" : ""));
        }
        out.println("Dashboard of " + runs.toAbsolutePath().normalize() + " at " + d.uri() + " (Ctrl-C to stop)");
        out.flush();
        onStart.accept(d);
        return d;
    }

    /**
     * {@code train --serve}: serves the folder the run goes into while it trains, then keeps serving until
     * Ctrl-C so the finished run can be looked at; returns training's exit code if the server is stopped.
     */
    static int whileTraining(Path runDir, Address address, Callable<Integer> training) throws Exception {
        Path runs = runDir.toAbsolutePath().normalize().getParent();
        Files.createDirectories(runs);
        Dashboard d = start(runs, address, System.out);
        int code = training.call();
        System.out.println("Training " + (code == 0 ? "done" : "ended") + "; the dashboard stays at " + d.uri()
                + " until Ctrl-C.");
        d.join();
        return code;
    }
}
