package io.tickgate.gateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately slow WebSocket reader on a plain blocking socket with a small receive buffer: it reads one message
 * per {@code readIntervalMillis}, so TCP back-pressure really builds up on the server. Keeps every message it read
 * and the close code ({@code -1} while open, {@code 0} when the socket ended without a close frame).
 */
public final class SlowRawClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Thread reader;
    private final long readIntervalMillis;
    /** Every message read (array frames are split), in order. */
    public final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    public final AtomicInteger closeCode = new AtomicInteger(-1);
    private volatile boolean running = true;

    public SlowRawClient(int port, String path, int receiveBufferBytes, long readIntervalMillis) throws IOException {
        this.readIntervalMillis = readIntervalMillis;
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
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
        reader = new Thread(this::readLoop, "slow-raw-client");
        reader.setDaemon(true);
    }

    /** Sends one text message (masked, as a client must). */
    public synchronized void send(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        out.write(payload);
        out.flush();
    }

    /** Reads the first {@code n} messages at full speed (e.g. welcome and subscribe answers). */
    public void readNow(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            readFrame();
        }
    }

    /** Starts reading slowly in the background. */
    public void startSlowReading() {
        reader.start();
    }

    private void readLoop() {
        try {
            while (running && readFrame()) {
                Thread.sleep(readIntervalMillis);
            }
        } catch (IOException e) {
            closeCode.compareAndSet(-1, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one frame; false after a close frame. */
    private boolean readFrame() throws IOException {
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
        int opcode = b0 & 0x0f;
        if (opcode == 0x8) {
            closeCode.set(payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
            return false;
        }
        if (opcode == 0x1) {
            JsonNode node = MAPPER.readTree(payload);
            if (node.isArray()) {
                node.forEach(messages::add);
            } else {
                messages.add(node);
            }
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
