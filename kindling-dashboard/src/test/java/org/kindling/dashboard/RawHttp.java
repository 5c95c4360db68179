package org.kindling.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, sending the request target byte for byte: an HTTP client library would
 * normalize {@code ..} and re-encode the path, which is exactly what the traversal tests must not do.
 */
final class RawHttp {
    private RawHttp() {}

    record Answer(int status, String head, String body) {}

    static Answer get(int port, String target) throws IOException {
        return request(port, "GET", target, "127.0.0.1:" + port);
    }

    static Answer request(int port, String method, String target, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            String req = method + " " + target + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\nContent-Length: 0\r\n\r\n";
            out.write(req.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = all.indexOf("\r\n\r\n");
            String head = split < 0 ? all : all.substring(0, split);
            String body = split < 0 ? "" : all.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            return new Answer(status, head, body);
        }
    }
}
