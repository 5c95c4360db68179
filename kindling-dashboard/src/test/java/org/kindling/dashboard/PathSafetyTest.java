package org.kindling.dashboard;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Requests that try to reach outside the runs folder, over a real socket: each gets a 4xx JSON error, never the file. */
class PathSafetyTest {
    private static final String SECRET = "top-secret-outside-the-runs-folder";

    @TempDir
    Path tmp;
    private Path runs;
    private Dashboard dashboard;

    @BeforeEach
    void start() throws IOException {
        runs = Files.createDirectories(tmp.resolve("runs"));
        Path run = Files.createDirectories(runs.resolve("run1"));
        Files.writeString(run.resolve("config.json"), "{\"dataset\":\"sine\",\"epochs\":1}");
        Files.writeString(run.resolve("notes.txt"), "inside");
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        Files.writeString(outside.resolve("config.json"), "{\"dataset\":\"" + SECRET + "\"}");
        dashboard = Dashboard.start(runs, Dashboard.options().port(0));
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void servesAFileInsideARun() throws IOException {
        RawHttp.Answer a = RawHttp.get(dashboard.port(), "/files/run1/notes.txt");
        assertEquals(200, a.status());
        assertEquals("inside", a.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/files/run1/../../secret.txt",
            "/files/../secret.txt",
            "/files/run1/..%2f..%2fsecret.txt",
            "/files/run1/%2e%2e/%2e%2e/secret.txt",
            "/files/%2e%2e/secret.txt",
            "/files/run1/%2e%2e%2f%2e%2e%2fsecret.txt",
            "/files/run1/%252e%252e%252fsecret.txt",
            "/files/run1/..%5c..%5csecret.txt",
            "/files/run1/%2Ftmp%2Fsecret.txt",
            "/files/run1//etc/passwd",
            "/files//etc/passwd",
            "/files/%2Fetc/passwd",
            "/files/run1/.%2e/.%2e/secret.txt",
            "/files/run1/..;/..;/secret.txt",
            "/files/run1/secret.txt%00.png",
            "/api/runs/..",
            "/api/runs/%2e%2e",
            "/api/runs/..%2felsewhere",
            "/api/runs/%2e%2e%2felsewhere/metrics",
            "/assets/..%2f..%2fmodule-info.class",
            "/assets/../Dashboard.class",
            "/files/run1/../run1/../../secret.txt",
    })
    void refusesTraversal(String target) throws IOException {
        assertRefused(target);
    }

    @Test
    void refusesAnAbsoluteFormTargetToAnotherPath() throws IOException {
        assertRefused("http://127.0.0.1:" + dashboard.port() + "/files/run1/../../secret.txt");
    }

    @Test
    void refusesSymlinksOutOfTheFolder() throws IOException {
        assumeTrue(canLink(), "this file system cannot make symbolic links");
        Files.createSymbolicLink(runs.resolve("run1").resolve("link.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(runs.resolve("linked-run"), tmp.resolve("elsewhere"));
        assertRefused("/files/run1/link.txt");
        assertRefused("/files/linked-run/secret.txt");
        assertRefused("/api/runs/linked-run");
        RawHttp.Answer list = RawHttp.get(dashboard.port(), "/api/runs");
        assertEquals(200, list.status());
        assertFalse(list.body().contains("linked-run"), list.body());
        assertFalse(list.body().contains(SECRET), list.body());
    }

    @Test
    void aLinkToAFileOfAnotherRunIsRefusedButOneInsideTheRunIsServed() throws IOException {
        assumeTrue(canLink(), "this file system cannot make symbolic links");
        Path other = Files.createDirectories(runs.resolve("run2"));
        Files.writeString(other.resolve("theirs.txt"), "theirs");
        Files.createSymbolicLink(runs.resolve("run1").resolve("theirs.txt"), other.resolve("theirs.txt"));
        Files.createSymbolicLink(runs.resolve("run1").resolve("alias.txt"), runs.resolve("run1").resolve("notes.txt"));
        assertEquals(404, RawHttp.get(dashboard.port(), "/files/run1/theirs.txt").status());
        assertEquals("inside", RawHttp.get(dashboard.port(), "/files/run1/alias.txt").body());
    }

    @Test
    void hiddenAndTemporaryFilesAreNotServed() throws IOException {
        Files.writeString(runs.resolve("run1").resolve(".config.json.tmp"), SECRET);
        assertRefused("/files/run1/.config.json.tmp");
        assertRefused("/files/run1/%2econfig.json.tmp");
    }

    @Test
    void runNamesWithOddCharactersWork() throws IOException {
        String name = "odd name #1 ?&% ü=;'\"<b>";
        Path run = Files.createDirectories(runs.resolve(name));
        Files.writeString(run.resolve("notes.txt"), "odd");
        String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        RawHttp.Answer file = RawHttp.get(dashboard.port(), "/files/" + encoded + "/notes.txt");
        assertEquals(200, file.status(), file.body());
        assertEquals("odd", file.body());
        RawHttp.Answer list = RawHttp.get(dashboard.port(), "/api/runs");
        var names = new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.body()).findValuesAsText("name");
        assertTrue(names.contains(name), list.body());
        RawHttp.Answer detail = RawHttp.get(dashboard.port(), "/api/runs/" + encoded);
        assertEquals(200, detail.status(), detail.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE"})
    void onlyGetIsAnswered(String method) throws IOException {
        RawHttp.Answer a = RawHttp.request(dashboard.port(), method, "/api/runs", "127.0.0.1:" + dashboard.port());
        assertTrue(a.status() == 405 || a.status() == 400, method + " gave " + a.status());
        assertFalse(a.body().contains(SECRET));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil.example", "[::2]"})
    void refusesForeignHostHeaders(String host) throws IOException {
        RawHttp.Answer a = RawHttp.request(dashboard.port(), "GET", "/api/runs", host);
        assertEquals(403, a.status(), host);
        assertJsonError(a);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "[::1]", "localhost:6007", "127.0.0.2:1234", "[::1]:80"})
    void acceptsLoopbackHostHeaders(String host) throws IOException {
        assertEquals(200, RawHttp.request(dashboard.port(), "GET", "/api/runs", host).status(), host);
    }

    @Test
    void aRequestJettyRejectsBeforeTheDashboardIsStillAJsonError() throws IOException {
        // Headers over Jetty's 8 KiB limit: refused while parsing, before any handler runs.
        RawHttp.Answer a = RawHttp.request(dashboard.port(), "GET", "/api/runs",
                "127.0.0.1\r\nX-Padding: " + "x".repeat(20_000));
        assertEquals(431, a.status(), a.head());
        assertJsonError(a);
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertEquals("127.0.0.1", dashboard.uri().getHost());
        assertEquals(Dashboard.DEFAULT_HOST, Dashboard.options().host());
    }

    private void assertRefused(String target) throws IOException {
        RawHttp.Answer a = RawHttp.get(dashboard.port(), target);
        assertTrue(a.status() >= 400 && a.status() < 500, target + " gave " + a.status() + ": " + a.body());
        assertFalse(a.body().contains(SECRET), target + " leaked the file");
        assertJsonError(a);
    }

    static void assertJsonError(RawHttp.Answer a) {
        assertTrue(a.head().toLowerCase().contains("content-type: application/json"), a.head());
        assertTrue(a.body().startsWith("{\"error\":"), a.body());
        assertFalse(a.body().contains("Exception") || a.body().contains("\tat ") || a.body().contains("at org."),
                "no stack trace: " + a.body());
    }

    private boolean canLink() {
        try {
            Path probe = Files.createSymbolicLink(tmp.resolve("probe"), tmp.resolve("secret.txt"));
            Files.delete(probe);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
