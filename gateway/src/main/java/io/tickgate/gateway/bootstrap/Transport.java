package io.tickgate.gateway.bootstrap;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport of the client gateway ({@code gateway.transport}): Netty's io_uring transport (Linux
 * where the kernel and its seccomp policy allow it: a loop submits all its sockets' writes in one system call),
 * its native epoll transport (Linux x86_64: fewer copies and system calls per write than the JDK's selector), or
 * NIO. A native one that is unavailable here falls back to the next (the reason logged). All give
 * {@code SocketChannel}s, so the pipeline is the same.
 */
public enum Transport {
    IO_URING,
    EPOLL,
    NIO;

    private static final Logger log = LoggerFactory.getLogger(Transport.class);

    /** The transport named by {@code name} (io_uring, epoll, nio; any case), or a clear error. */
    public static Transport named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("transport must be io_uring, epoll or nio, not " + name);
        }
    }

    /** The transport {@code serverChannel} belongs to. */
    public static Transport of(Channel serverChannel) {
        for (Transport t : values()) {
            if (t.serverChannel().isInstance(serverChannel)) {
                return t;
            }
        }
        throw new IllegalArgumentException("not a gateway server channel: " + serverChannel.getClass().getName());
    }

    /** This transport where it is available here, else the next one down (io_uring, epoll, NIO). */
    public Transport orFallback() {
        if (this == IO_URING) {
            if (IoUring.isAvailable()) {
                return IO_URING;
            }
            log.info("io_uring transport unavailable ({}); trying epoll", IoUring.unavailabilityCause().toString());
        }
        if (this != NIO) {
            if (Epoll.isAvailable()) {
                return EPOLL;
            }
            log.info("native epoll transport unavailable ({}); using NIO", Epoll.unavailabilityCause().toString());
        }
        return NIO;
    }

    /** An event-loop group of {@code threads} (0 = Netty's default, 2 × cores). */
    public EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory());
    }

    private IoHandlerFactory ioHandlerFactory() {
        return switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    /** The server channel class for a {@code ServerBootstrap}. */
    public Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }
}
