package io.tickgate.gateway.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client on a plain blocking socket that writes whatever frame bytes a test makes (bad RSV bits, a
 * message cut off mid-fragment) and reads frames back, so protocol edge cases reach the server exactly as sent.
 */
public final class RawWsSocket implements AutoCloseable {

    /** One frame read back: its first header byte and its payload. */
    public record Frame(int b0, byte[] payload) {
        public int opcode() {
            return b0 & 0x0f;
        }

        /** The close code of a close frame (1005 when it carries none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** Connects to {@code 127.0.0.1:port}, upgrades {@code /ws} and fails unless the answer is 101. */
    public RawWsSocket(int port) throws IOException {
        this(port, 0);
    }

    /** The same with a receive buffer of {@code receiveBufferBytes} (0 = the OS default), set before connecting. */
    public RawWsSocket(int port, int receiveBufferBytes) throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake failed: " + head);
        }
    }

    /** A masked client frame: {@code b0} is FIN/RSV/opcode as given; payload under 64 KiB. */
    public static byte[] frame(int b0, byte[] payload) {
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        int ext = payload.length < 126 ? 0 : 2;
        byte[] f = new byte[2 + ext + 4 + payload.length];
        f[0] = (byte) b0;
        if (ext == 0) {
            f[1] = (byte) (0x80 | payload.length);
        } else {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (payload.length >>> 8);
            f[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, f, 2 + ext, 4);
        for (int i = 0; i < payload.length; i++) {
            f[2 + ext + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return f;
    }

    /** Writes raw bytes and flushes. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one frame (unmasked, as a server sends). */
    public Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame(b0, payload);
    }

    /** Reads frames until a close frame and returns it. */
    public Frame readUntilClose() throws IOException {
        for (;;) {
            Frame f = read();
            if (f.opcode() == 0x8) {
                return f;
            }
        }
    }

    /** Closes with an RST (linger 0), as a client that crashed or lost its network would. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
