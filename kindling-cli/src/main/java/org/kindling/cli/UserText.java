package org.kindling.cli;

/**
 * Makes text from files and the command line safe to print in a message: control characters are
 * escaped (an ESC from a CSV cell must not recolour the terminal) and long text is cut (a 100 MB cell
 * must not become a 100 MB message). Every user-facing error message goes through {@link #message}.
 */
final class UserText {
    /** Longest value quoted whole in a message we compose. */
    static final int VALUE_LIMIT = 120;
    /** Longest message printed whole; beyond it the middle is cut, keeping where and what went wrong. */
    static final int MESSAGE_LIMIT = 1000;

    private UserText() {}

    /** A value (cell, column name, option argument) to quote in a message: escaped and at most about {@link #VALUE_LIMIT} characters. */
    static String value(String text) {
        return bounded(String.valueOf(text), VALUE_LIMIT);
    }

    /** A whole message, possibly composed by a library from raw input: escaped, on one line, bounded. */
    static String message(String text) {
        return bounded(String.valueOf(text), MESSAGE_LIMIT);
    }

    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
            out.append(replacement);
        }
        return out == null ? s : out.toString();
    }

    // Escapes C0/C1 controls and DEL, and the bidirectional overrides that reorder what a terminal shows.
    private static String replacement(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            default: break;
        }
        boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
        boolean bidi = (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        return control || bidi ? String.format("\\u%04x", (int) c) : null;
    }

    // Cuts before escaping, so a huge input is never copied whole.
    private static String bounded(String s, int limit) {
        if (s.length() <= limit) return escape(s);
        int head = limit * 2 / 3, tail = limit / 6;
        // Do not split a surrogate pair.
        if (Character.isHighSurrogate(s.charAt(head - 1))) head--;
        if (Character.isLowSurrogate(s.charAt(s.length() - tail))) tail--;
        int omitted = s.length() - head - tail;
        return escape(s.substring(0, head)) + "…[" + omitted + " characters omitted]…" + escape(s.substring(s.length() - tail));
    }
}
