package io.burrow.mcp.core.internal;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Serialises the outgoing messages of a single-session transport (stdio).
 *
 * <p>The SDK's stdio transport emits every outgoing message into one Reactor sink from the thread that
 * produced it, retrying a concurrent emission for only 100 ms ({@code busyLooping}). When the machine
 * is loaded, a response emitted while another message is still being emitted fails with "signaled
 * serially" and is lost: the client waits forever. Taking a lock around each emission makes
 * concurrent senders wait their turn instead.
 */
public final class SerializedTransportProvider implements McpServerTransportProvider {

    private final McpServerTransportProvider delegate;

    public SerializedTransportProvider(McpServerTransportProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public void setSessionFactory(io.modelcontextprotocol.spec.McpServerSession.Factory factory) {
        delegate.setSessionFactory(transport -> factory.create(new Serialized(transport)));
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return delegate.notifyClients(method, params);
    }

    @Override
    public Mono<Void> notifyClient(String sessionId, String method, Object params) {
        return delegate.notifyClient(sessionId, method, params);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    /** A session transport whose {@code sendMessage} subscriptions run one at a time. */
    static final class Serialized implements McpServerTransport {
        private final McpServerTransport delegate;
        private final Object lock = new Object();

        Serialized(McpServerTransport delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.create(sink -> {
                synchronized (lock) {
                    delegate.sendMessage(message).subscribe(v -> { }, sink::error, sink::success);
                }
            });
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return delegate.unmarshalFrom(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return delegate.closeGracefully();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public List<String> protocolVersions() {
            return delegate.protocolVersions();
        }
    }
}
