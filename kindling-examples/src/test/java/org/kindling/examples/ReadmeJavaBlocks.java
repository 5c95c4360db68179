package org.kindling.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ```java blocks of a Markdown file as one Java program, read the way the README presents them: one
 * after the other, like cells of a notebook. Imports go to the top, type declarations (a line at column 0
 * that starts one, up to the closing brace at column 0) to the top level, and every other line into
 * {@code main}, in order. A block fenced {@code ```java no-run} (one that needs a Spark cluster, or serves
 * until stopped) is shown to readers but left out.
 */
final class ReadmeJavaBlocks {
    static final String MAIN_CLASS = "ReadmeProgram";
    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern TYPE_START =
            Pattern.compile("^((public|final|abstract|sealed|static)\\s+)*(class|record|interface|enum)\\s.*");

    private final List<String> imports = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<String> statements = new ArrayList<>();
    private int blocks;

    static ReadmeJavaBlocks of(String markdown) {
        ReadmeJavaBlocks program = new ReadmeJavaBlocks();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            program.add(m.group(1));
        }
        return program;
    }

    private void add(String block) {
        blocks++;
        String[] lines = block.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("import ")) {
                imports.add(line);
            } else if (TYPE_START.matcher(line).matches()) {
                StringBuilder type = new StringBuilder(line).append('\n');
                while (!lines[i].equals("}")) {
                    type.append(lines[++i]).append('\n');
                }
                types.add(type.toString());
            } else {
                statements.add("        " + line);
            }
        }
    }

    int blocks() {
        return blocks;
    }

    /** The compilation unit: imports, a class whose main runs the statements, then the declared types. */
    String source() {
        return String.join("\n", imports) + "\n\npublic class " + MAIN_CLASS + " {\n"
                + "    public static void main(String[] args) throws Exception {\n"
                + String.join("\n", statements) + "\n    }\n}\n\n" + String.join("\n", types);
    }
}
