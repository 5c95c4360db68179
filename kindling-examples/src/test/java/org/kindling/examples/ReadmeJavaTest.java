package org.kindling.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every Java example in README.md compiles and runs as written, so the README cannot drift from the library. */
class ReadmeJavaTest {
    @TempDir
    Path dir;

    @Test
    void theReadmesJavaBlocksCompileAndRun() throws Exception {
        Path readme = Path.of(System.getProperty("kindling.root", ".."), "README.md");
        ReadmeJavaBlocks program = ReadmeJavaBlocks.of(Files.readString(readme));
        assertTrue(program.blocks() >= 2, "README.md has its Java examples (" + program.blocks() + " found)");
        Path source = dir.resolve(ReadmeJavaBlocks.MAIN_CLASS + ".java");
        Files.writeString(source, program.source());

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        // Tests run on the module path (Kindling's modules) and the class path (test libraries): the
        // README's program uses both as one plain class path, as a user's first program would.
        String classPath = String.join(File.pathSeparator, java.util.stream.Stream.of(
                System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .filter(p -> !p.isEmpty()).toList());
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int compiled = javac.run(null, errors, errors, "-proc:none", "-cp", classPath, "-d", dir.toString(), source.toString());
        assertEquals(0, compiled, "README.md's Java does not compile:\n" + errors.toString(StandardCharsets.UTF_8)
                + "\n--- as assembled:\n" + program.source());

        // A process of its own, so the files the example writes land in the temporary folder.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(java.toString(), "-cp", dir + File.pathSeparator + classPath,
                ReadmeJavaBlocks.MAIN_CLASS).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = run.getInputStream().readAllBytes();
        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "README.md's Java did not finish");
        assertEquals(0, run.exitValue(), "README.md's Java failed:\n" + new String(output, StandardCharsets.UTF_8));
        assertTrue(Files.size(dir.resolve("loss.png")) > 0 && Files.size(dir.resolve("fit.svg")) > 0, "the plots are written");
    }
}
