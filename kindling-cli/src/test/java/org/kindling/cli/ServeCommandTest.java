package org.kindling.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.kindling.dashboard.Dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kindling serve} and {@code kindling train --serve}: the address printed, the runs served, Ctrl-C simulated by closing. */
@Timeout(120)
class ServeCommandTest {
    @TempDir
    Path tmp;
    private final CompletableFuture<Dashboard> started = new CompletableFuture<>();

    @AfterEach
    void forget() {
        ServeCommand.onStart = d -> {};
    }

    @Test
    void servesAFolderOfRunsAtThePrintedAddress() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        assertEquals(0, CliRun.of("train", "--epochs", "3", "--out", runs.resolve("a").toString()).exitCode());
        ServeCommand.onStart = started::complete;
        CompletableFuture<CliRun> serve = CompletableFuture.supplyAsync(() -> CliRun.of("serve", runs.toString(), "--port", "0"));
        Dashboard d = started.get(30, TimeUnit.SECONDS);
        assertEquals("127.0.0.1", d.uri().getHost());
        String list = get(d.uri().resolve("/api/runs"));
        assertTrue(list.contains("\"name\":\"a\"") && list.contains("\"status\":\"finished\""), list);
        d.close();
        CliRun r = serve.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("Dashboard of " + runs.toAbsolutePath() + " at " + d.uri()), r.out());
    }

    @Test
    void trainServeServesTheRunWhileItTrainsAndAfter() throws Exception {
        Path run = tmp.resolve("runs").resolve("live");
        ServeCommand.onStart = started::complete;
        CompletableFuture<CliRun> train = CompletableFuture.supplyAsync(
                () -> CliRun.of("train", "--epochs", "20", "--out", run.toString(), "--serve", "--port", "0"));
        Dashboard d = started.get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String list;
        do {
            Thread.sleep(100);
            list = get(d.uri().resolve("/api/runs"));
        } while (!list.contains("\"status\":\"finished\"") && System.nanoTime() < deadline);
        assertTrue(list.contains("\"name\":\"live\"") && list.contains("\"status\":\"finished\""), list);
        d.close();
        CliRun r = train.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        int address = r.out().indexOf("Dashboard of " + run.getParent().toAbsolutePath() + " at " + d.uri());
        assertTrue(address >= 0 && address < r.out().indexOf("Training "), "the address comes before training starts:\n" + r.out());
        assertTrue(r.out().contains("the dashboard stays at " + d.uri() + " until Ctrl-C"), r.out());
    }

    @Test
    void aMissingFolderIsAUsageError() {
        CliRun r = CliRun.of("serve", tmp.resolve("nowhere").toString(), "--port", "0");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no folder"), r.err());
    }

    @Test
    void aPortInUseSaysSo() throws Exception {
        ServeCommand.onStart = started::complete;
        CompletableFuture<CliRun> first = CompletableFuture.supplyAsync(() -> CliRun.of("serve", tmp.toString(), "--port", "0"));
        Dashboard d = started.get(30, TimeUnit.SECONDS);
        try {
            CliRun second = CliRun.of("serve", tmp.toString(), "--port", String.valueOf(d.port()));
            assertEquals(2, second.exitCode(), second.toString());
            assertTrue(second.err().contains("cannot listen on 127.0.0.1:" + d.port()), second.err());
        } finally {
            d.close();
            first.get(30, TimeUnit.SECONDS);
        }
    }

    private static String get(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
