package org.kindling.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small pieces of HTTP the handler repeats: JSON bodies, JSON errors, and decoding path segments. */
final class Http {
    private Http() {}

    /** Thrown for a request the dashboard refuses; becomes a JSON error with this status. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    static void json(Response response, Callback callback, int status, Object body, ObjectMapper json) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            status = 500;
            bytes = "{\"error\":\"cannot encode the answer\"}".getBytes(StandardCharsets.UTF_8);
        }
        send(response, callback, status, "application/json", bytes);
    }

    static void error(Response response, Callback callback, int status, String message) {
        String body = "{\"error\":" + quote(message) + ",\"status\":" + status + "}";
        send(response, callback, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type.startsWith("text/") || type.endsWith("json")
                ? type + "; charset=utf-8" : type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A JSON string literal, escaping what JSON requires and the characters that could end an HTML context. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * The segments of a raw (still percent-encoded) path, each decoded as UTF-8. Decoding after splitting
     * keeps an encoded slash ({@code %2F}) inside its segment, where the run folder checks refuse it.
     */
    static List<String> segments(String rawPath) throws Refused {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/", -1)) {
            if (!s.isEmpty()) out.add(decode(s));
        }
        return out;
    }

    private static String decode(String s) throws Refused {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo < 0) throw new Refused(400, "bad percent-encoding in the path");
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Refused(400, "the path is not UTF-8");
        }
    }

    /** Headers on every answer: no sniffing of types, no referrer, no framing by other pages. */
    static void secure(Response response) {
        var h = response.getHeaders();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
    }
}
