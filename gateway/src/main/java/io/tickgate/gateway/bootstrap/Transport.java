package io.tickgate.gateway.bootstrap;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport of the client gateway: Netty's native epoll transport where it is available (Linux x86_64:
 * fewer copies and system calls per write than the JDK's selector), else NIO. Both give {@code SocketChannel}s, so
 * the pipeline is the same.
 */
public enum Transport {
    EPOLL,
    NIO;

    private static final Logger log = LoggerFactory.getLogger(Transport.class);

    /** Epoll when {@code preferNative} and available here, else NIO (the reason logged once per call). */
    public static Transport choose(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return EPOLL;
        }
        if (preferNative) {
            log.info("native epoll transport unavailable ({}); using NIO", Epoll.unavailabilityCause().toString());
        }
        return NIO;
    }

    /** An event-loop group of {@code threads} (0 = Netty's default, 2 × cores). */
    public EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory,
                this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** The server channel class for a {@code ServerBootstrap}. */
    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
