package io.sealgate.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;

/**
 * Idle keep-alive connections to one upstream, for one event loop. Because a pool belongs to a single event loop it
 * needs no locking, and a leased connection always runs on the same thread as the client connection using it.
 */
final class UpstreamPool {

    private final EventLoop loop;
    private final UpstreamConnector connector;
    private final int maxIdle;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();

    UpstreamPool(EventLoop loop, UpstreamConnector connector, int maxIdle) {
        this.loop = loop;
        this.connector = connector;
        this.maxIdle = maxIdle;
    }

    /** The most recently parked live connection, or null. */
    Channel pollIdle() {
        assert loop.inEventLoop();
        Channel channel;
        while ((channel = idle.pollLast()) != null) {
            if (channel.isActive()) {
                return channel;
            }
        }
        return null;
    }

    /** A new connection (TLS handshake complete for https upstreams). */
    Future<Channel> connect() {
        return connector.connect(loop);
    }

    /** Parks a connection whose last exchange completed cleanly, or closes it when the pool is full. */
    void release(Channel channel) {
        assert loop.inEventLoop();
        BackendHandler handler = channel.pipeline().get(BackendHandler.class);
        if (channel.isActive() && idle.size() < maxIdle && handler != null) {
            idle.addLast(channel);
            handler.park(this);
        } else {
            if (handler != null) {
                handler.detach();
            }
            channel.close();
        }
    }

    void remove(Channel channel) {
        idle.remove(channel);
    }

    void closeAll() {
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            channel.close();
        }
    }
}
