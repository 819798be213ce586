package io.tickgate.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers the tests start (Redis, PostgreSQL, the app, the ops endpoints), picked below
 * the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}) when it leaves room. A port the OS picks from
 * that range can be taken by any outgoing connection between the pick and the server's bind (CI once saw a Redis
 * Cluster bus port go that way), or while a test has its server stopped for an outage.
 */
public final class LoopbackPorts {

    /** Lowest port picked: above the well-known services' (Redis, PostgreSQL, NATS). */
    private static final int FROM = 20_000;

    private LoopbackPorts() {
    }

    /** A port free on 127.0.0.1 when this returns; the OS's pick when there is no room below its range. */
    public static int freePort() {
        int low = ephemeralLow();
        if (low > FROM + 1_000) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 200; i++) {
                int port = random.nextInt(FROM, low);
                if (bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0; // unknown: let the OS pick
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
