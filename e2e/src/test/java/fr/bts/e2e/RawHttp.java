package fr.bts.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket, for requests that ordinary clients refuse to send: request
 * targets with malformed percent-escapes ({@code %zz}), raw {@code ..} segments, bodies that are not what their
 * {@code Content-Type} says. One connection per request ({@code Connection: close}); the answer is read whole
 * (Content-Length, chunked, or up to the close).
 */
final class RawHttp {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    /** An answer; {@code status} is -1 when the server closed the connection without one. */
    record Answer(int status, Map<String, String> headers, byte[] body, String error) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    static Answer send(String base, String method, String target, Map<String, String> headers, byte[] body) {
        URI uri = URI.create(base);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream(), method);
        } catch (IOException e) {
            return new Answer(-1, Map.of(), new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Answer read(InputStream raw, String method) throws IOException {
        InputStream in = new java.io.BufferedInputStream(raw);
        String statusLine = line(in);
        if (statusLine == null) {
            return new Answer(-1, Map.of(), new byte[0], "connection closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
            return new Answer(status, headers, new byte[0], null);
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes((int) Math.min(Long.parseLong(headers.get("content-length")), MAX_ANSWER_BYTES));
        } else {
            body = in.readNBytes(MAX_ANSWER_BYTES);
        }
        return new Answer(status, headers, body, null);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (n == 0) {
                break;
            }
            out.write(in.readNBytes(n));
            line(in);
            if (out.size() > MAX_ANSWER_BYTES) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** A CRLF- (or LF-) terminated line without its terminator, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = out.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            out.write(b);
        }
        return out.size() == 0 ? null : out.toString(StandardCharsets.ISO_8859_1);
    }
}
