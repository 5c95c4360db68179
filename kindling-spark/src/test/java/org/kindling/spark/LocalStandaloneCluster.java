package org.kindling.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on the loopback address: one master and {@code workers} workers, each a
 * separate JVM started from Spark's own classes on this test's class path. Workers start their executors
 * as further JVMs with the same class path. {@link #close} kills them all, executors included.
 */
final class LocalStandaloneCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int port;

    LocalStandaloneCluster(Path dir, int workers) {
        this.dir = dir;
        this.port = freePort();
        try {
            Files.createDirectories(dir);
            start("master", "org.apache.spark.deploy.master.Master", "256m",
                    "--host", HOST, "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
            awaitPort(port, 60);
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                start("worker-" + i, "org.apache.spark.deploy.worker.Worker", "256m", "--host", HOST, "--cores", "1",
                        "--memory", "512m", "--webui-port", Integer.toString(freePort()), "--work-dir", work.toString(),
                        masterUrl());
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String masterUrl() {
        return "spark://" + HOST + ":" + port;
    }

    /** The last lines each JVM logged, to explain a failure. */
    String logs() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log") || p.getFileName().toString().equals("stderr")).toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("== ").append(dir.relativize(log)).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
            }
        } catch (IOException e) {
            out.append("(cannot read the logs: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    private void start(String name, String mainClass, String heap, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-cp", classPath()));
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        var env = builder.environment();
        // Executors: started by the worker with this JVM's java, on the loopback address. The worker wants a Spark
        // home only to look for jars there; testing mode lets it do without.
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_HOME", dir.toString());
        env.put("SPARK_TESTING", "1");
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        processes.add(builder.start());
    }

    /**
     * This test's class path, for the cluster's JVMs and (as {@code spark.executor.extraClassPath}) the executors.
     * Surefire runs tests from a manifest-only jar and names the real class path in a property.
     */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitPort(int port, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) throw new IllegalStateException("a cluster JVM exited (" + p.exitValue() + ")\n" + logs());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        throw new IllegalStateException("the master did not open port " + port + " within " + seconds + " s\n" + logs());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Kills every JVM of the cluster: executors first (a worker may not outlive its parent's kill to reap them). */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillAlive) {
                h.destroyForcibly();
            }
        }
    }
}
