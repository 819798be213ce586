package io.tickgate.gateway.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** HTTP/1.1 over a plain socket, for requests a normal client will not send (upgrade, Origin, chosen source). */
public final class RawHttp {

    private RawHttp() {
    }

    /** A request with {@code Connection: close}: what the server answers, as text ("" if it closed silently). */
    public static String exchange(String localAddress, int port, String method, String path, String... headers) {
        StringBuilder req = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        req.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            return readAll(s.getInputStream());
        } catch (IOException e) {
            throw new AssertionError("request to port " + port + " failed: " + e, e);
        }
    }

    /**
     * GETs {@code paths} on one keep-alive connection, written at once (pipelined), the i-th with the i-th header
     * line (null: none); the answers' status codes in the order they came.
     */
    public static List<Integer> pipelined(int port, List<String> paths, List<String> headerLines) {
        StringBuilder req = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            req.append("GET ").append(paths.get(i)).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
            if (headerLines.get(i) != null) {
                req.append(headerLines.get(i)).append("\r\n");
            }
            req.append(i == paths.size() - 1 ? "Connection: close\r\n" : "").append("\r\n");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            String all = readAll(s.getInputStream());
            List<Integer> statuses = new ArrayList<>();
            int at = 0;
            while (at < all.length()) {
                int headEnd = all.indexOf("\r\n\r\n", at);
                String head = all.substring(at, headEnd).toLowerCase(java.util.Locale.ROOT);
                statuses.add(Integer.parseInt(all.substring(at + 9, at + 12)));
                int cl = head.indexOf("content-length:");
                int length = Integer.parseInt(head.substring(cl + 15, head.indexOf("\r\n", cl) < 0 ? head.length()
                        : head.indexOf("\r\n", cl)).trim());
                at = headEnd + 4 + length;
            }
            return statuses;
        } catch (IOException e) {
            throw new AssertionError("requests to port " + port + " failed: " + e, e);
        }
    }

    /** The WebSocket upgrade request's answer head (status line and headers) for {@code /ws} with these headers. */
    public static String upgrade(int port, String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Upgrade: websocket";
        all[1] = "Connection: Upgrade";
        all[2] = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        all[3] = "Sec-WebSocket-Version: 13";
        System.arraycopy(headers, 0, all, 4, headers.length);
        String head = exchange("127.0.0.1", port, "GET", "/ws", all);
        int end = head.indexOf("\r\n\r\n");
        return end < 0 ? head : head.substring(0, end);
    }

    /** The status code of an answer from {@link #exchange}, 0 for none. */
    public static int status(String response) {
        return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : 0;
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                if (out.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")
                        && out.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break; // upgraded: the connection stays open
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what came so far
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
