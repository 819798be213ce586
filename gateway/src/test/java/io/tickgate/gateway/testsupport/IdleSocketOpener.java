package io.tickgate.gateway.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens idle TCP sockets to a server from chosen local addresses, in a process of its own (one JVM may open only
 * so many files), and keeps them open, sending nothing. Prints {@code OPENED <n> FAILED <m>} when done, exits when
 * its standard input closes (or after 5 minutes).
 *
 * <p>Arguments: {@code host port perSecond localAddress:count ...}, e.g. {@code 127.0.0.1 8080 800 127.0.0.2:5000}
 * (at most {@code perSecond} new sockets per second).
 */
public final class IdleSocketOpener {

    private IdleSocketOpener() {
    }

    public static void main(String[] args) throws InterruptedException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        long nanosPerSocket = 1_000_000_000L / Integer.parseInt(args[2]);
        long next = System.nanoTime();
        List<SocketChannel> open = new ArrayList<>();
        int failed = 0;
        for (int i = 3; i < args.length; i++) {
            String[] spec = args[i].split(":");
            int count = Integer.parseInt(spec[1]);
            for (int n = 0; n < count; n++) {
                next += nanosPerSocket;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                try {
                    SocketChannel ch = SocketChannel.open();
                    ch.bind(new InetSocketAddress(spec[0], 0));
                    ch.connect(server);
                    open.add(ch);
                } catch (IOException e) {
                    failed++;
                }
            }
        }
        System.out.println("OPENED " + open.size() + " FAILED " + failed);
        System.out.flush();
        Thread stdin = new Thread(() -> GatewayProcess.drain(System.in), "stdin");
        stdin.setDaemon(true);
        stdin.start();
        stdin.join(300_000);
        for (SocketChannel ch : open) {
            try {
                ch.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        System.exit(0);
    }
}
