package org.kindling.internal.json;

/**
 * Reads a JSON text one token at a time, for callers that must not build a tree of a hostile document.
 *
 * <p>{@link Json#parse} turns every value into objects (tens of bytes per input byte: 100 MB of {@code [],}
 * become 33 million lists). A cursor lets the caller keep only what it needs and {@link #skipValue()} the rest,
 * which checks the syntax but allocates nothing. The same strict rules and messages apply as in {@link Json}
 * (exact numbers, depth limit, number length limit); duplicate keys are the caller's to detect, since only the
 * caller knows which keys it keeps.
 *
 * <pre>{@code
 * cursor.beginObject();
 * while (cursor.nextMember()) { String key = cursor.key(); ... cursor.skipValue(); }
 * cursor.finish();
 * }</pre>
 */
public final class JsonCursor {
    private final JsonReader reader;
    private final boolean[] first; // per open container: no member or element read yet
    private int depth;

    /** A cursor at the start of {@code text}; numbers read as {@code Long}, {@code BigInteger} or {@code BigDecimal}. */
    public JsonCursor(CharSequence text, int maxDepth) {
        this.reader = new JsonReader(text, new Json.Options(maxDepth, true));
        this.first = new boolean[maxDepth + 2];
        reader.skipWhitespace();
    }

    /** Offset of the next token, in chars. */
    public int position() {
        return reader.pos;
    }

    /**
     * The JSON type of the next value ({@code object, array, string, number, boolean, null}); fails if no
     * value starts here.
     */
    public String peekType() {
        int c = reader.peek();
        switch (c) {
            case '{': return "object";
            case '[': return "array";
            case '"': return "string";
            case 't', 'f': if (startsLiteral()) return "boolean"; break;
            case 'n': if (startsLiteral()) return "null"; break;
            case -1: throw reader.error("expected a JSON value, found end of input", reader.pos);
            default: if (c == '-' || (c >= '0' && c <= '9')) return "number";
        }
        reader.readValue(depth); // throws the reader's message for what is there
        throw new IllegalStateException("unreachable");
    }

    /** Enters the object that starts here. */
    public void beginObject() {
        begin('{', "object");
    }

    /** Enters the array that starts here. */
    public void beginArray() {
        begin('[', "array");
    }

    /** Moves to the next member of the current object (true), or past its closing brace (false). */
    public boolean nextMember() {
        if (!next('}', "expected ',' or '}' after object member")) {
            return false;
        }
        if (reader.peek() != '"') {
            String expected = first[depth] ? "expected a string key or '}'" : "expected a string key";
            throw reader.error(expected + ", found " + reader.describe(reader.pos), reader.pos);
        }
        first[depth] = false;
        return true;
    }

    /** Reads the current member's key and the colon after it; the cursor is then at the member's value. */
    public String key() {
        String key = reader.readString();
        reader.skipWhitespace();
        if (reader.peek() != ':') {
            throw reader.error("expected ':' after object key, found " + reader.describe(reader.pos), reader.pos);
        }
        reader.pos++;
        reader.skipWhitespace();
        return key;
    }

    /** Moves to the next element of the current array (true), or past its closing bracket (false). */
    public boolean nextElement() {
        if (!next(']', "expected ',' or ']' after array element")) {
            return false;
        }
        first[depth] = false;
        return true;
    }

    /** Reads a string, number, boolean or null; a container is skipped and returned as an empty one. */
    public Object readScalar() {
        String type = peekType();
        if (type.equals("object") || type.equals("array")) {
            skipValue();
            return type.equals("object") ? java.util.Map.of() : java.util.List.of();
        }
        Object value = reader.readValue(depth);
        reader.skipWhitespace();
        return value;
    }

    /** Checks the syntax of the value here and moves past it, building nothing. */
    public void skipValue() {
        reader.skipValue(depth);
        reader.skipWhitespace();
    }

    /** Checks that nothing but whitespace follows the top-level value. */
    public void finish() {
        if (reader.pos < reader.length) {
            throw reader.error("unexpected " + reader.describe(reader.pos) + " after the JSON value", reader.pos);
        }
    }

    /** An exception for {@code reason} at {@code offset}, with line and column, like the reader's own. */
    public JsonParseException error(String reason, int offset) {
        return reader.error(reason, offset);
    }

    private void begin(char open, String type) {
        if (reader.peek() != open) {
            throw reader.error("expected a JSON " + type + ", found " + reader.describe(reader.pos), reader.pos);
        }
        depth++;
        reader.checkDepth(depth);
        reader.pos++;
        first[depth] = true;
        reader.skipWhitespace();
    }

    // Consumes the separator before the next entry or the closing character; false when the container ends.
    private boolean next(char close, String expected) {
        reader.skipWhitespace();
        if (reader.peek() == close) {
            reader.pos++;
            depth--;
            reader.skipWhitespace();
            return false;
        }
        if (!first[depth]) {
            if (reader.peek() != ',') {
                throw reader.error(expected + ", found " + reader.describe(reader.pos), reader.pos);
            }
            reader.pos++;
            reader.skipWhitespace();
        }
        return true;
    }

    private boolean startsLiteral() {
        String t = reader.text;
        int p = reader.pos;
        return t.startsWith("true", p) || t.startsWith("false", p) || t.startsWith("null", p);
    }
}
