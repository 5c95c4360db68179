package org.kindling.internal.format;

/**
 * A short, printable excerpt of text that came from a file, for error messages.
 *
 * <p>A hostile file can put a million characters or terminal escape sequences in a cell, a key or a number;
 * echoed raw they would flood the log or rewrite the terminal. Control characters (C0, DEL, C1) and lone
 * surrogates are escaped ({@code \n}, {@code \t}, {@code \u001B}); text longer than the limit is cut and ends
 * with {@code ... (N chars)}.
 */
public final class Excerpt {
    /** Characters kept by {@link #of(CharSequence)}. */
    public static final int LIMIT = 80;

    private Excerpt() {}

    /** At most {@value #LIMIT} characters of {@code text}, control characters escaped. */
    public static String of(CharSequence text) {
        return of(text, LIMIT);
    }

    /** At most {@code limit} characters of {@code text} (before escaping), control characters escaped. */
    public static String of(CharSequence text, int limit) {
        if (text == null) {
            return "null";
        }
        int n = text.length();
        int end = Math.min(n, limit);
        if (end < n && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // keep a pair whole
        }
        StringBuilder out = new StringBuilder(end + 24);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedHigh) {
                out.append(c).append(text.charAt(++i));
            } else {
                appendEscaped(out, c);
            }
        }
        if (end < n) {
            out.append("... (").append(n).append(" chars)");
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
