package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.internal.Registry;
import io.burrow.mcp.core.internal.SchemaValidator;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.RequestContext;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Where transports hand MCP messages to a server: the entry to its protocol engine, which serves the
 * 2025-11-25 generation (an {@code initialize} handshake, then a session) and the 2026-07-28 generation
 * (self-contained requests, {@code server/discover}) side by side. A connection-oriented transport (stdio)
 * opens a {@link Connection}; Streamable HTTP opens an {@link HttpEndpoint}. Obtain it from
 * {@code BurrowServer.endpoint()}. Thread-safe.
 */
public final class McpEndpoint {

    private final Engine engine;
    private final Dispatcher dispatcher;

    private McpEndpoint(Engine engine, Dispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
    }

    /** What the server is made of, as {@code BurrowServer} assembles it. */
    public record Parts(String name, String version, String instructions, Registry registry,
            SchemaValidator validator, long maxResourceBytes, ExecutorService workers,
            ScheduledExecutorService timer, Duration requestTimeout, int pageSize, byte[] requestStateKey,
            Duration requestStateTtl, int maxSubscriptions, Clock clock, Telemetry telemetry) {
    }

    /** Assembles the engine of a server (called by {@code BurrowServer}). */
    public static McpEndpoint create(Parts p) {
        Dispatcher dispatcher = new Dispatcher(p.registry(), p.validator(), p.maxResourceBytes());
        RequestStates states = new RequestStates(p.requestStateKey(), p.requestStateTtl(), p.clock());
        Engine engine = new Engine(new Engine.Config(p.name(), p.version(), p.instructions(), p.registry(), dispatcher,
                p.workers(), p.timer(), p.requestTimeout(), p.pageSize(), states, p.maxSubscriptions(),
                Instrumentation.of(p.telemetry(), dispatcher)));
        return new McpEndpoint(engine, dispatcher);
    }

    /** Opens a connection for one client of a connection-oriented transport; the server writes to {@code out}. */
    public Connection connect(Transport transport, Client client, MessageSink out) {
        return new Connection(engine, transport, client, out);
    }

    /**
     * Opens the protocol side of a Streamable HTTP endpoint.
     *
     * @param stateless serve 2025-11-25 clients without sessions (no server-to-client messages for them)
     * @param maxSessions the most 2025-11-25 sessions open at once; {@code initialize} beyond it is refused
     * @param sessionIdleTimeout how long a session with no request and no open stream lives on
     */
    public HttpEndpoint http(boolean stateless, int maxSessions, Duration sessionIdleTimeout) {
        return new HttpEndpoint(engine, new HttpSessions(engine, stateless, maxSessions, sessionIdleTimeout));
    }

    /** Tells clients that the resource list changed (both generations, where they asked to hear of it). */
    public void resourcesChanged() {
        engine.resourcesChanged();
    }

    /** Tells clients subscribed to {@code uri} that it changed. */
    public void resourceUpdated(String uri) {
        engine.resourceUpdated(uri);
    }

    /** Refuses new requests and ends subscription streams gracefully; requests running go on. */
    public void shutdown() {
        engine.close();
    }

    // ---- in-process use ---------------------------------------------------------------------------

    /** The tools as {@code tools/list} advertises them. */
    public List<ObjectNode> advertisedTools() {
        return dispatcher.tools().stream().map(t -> Wire.tool(t, dispatcher.outputSchema(t.name()))).toList();
    }

    /** The tools, in registration order. */
    public List<ToolDefinition> tools() {
        return dispatcher.tools();
    }

    /** Calls a tool in-process, without a client; never throws. Answers with the {@code CallToolResult} object. */
    public ObjectNode callTool(String name, ObjectNode arguments) {
        try {
            return dispatcher.callTool(name, arguments, new Local(Deadline.after(engine.requestTimeout())), false);
        } catch (InputRequired e) {
            throw new IllegalStateException("a local call cannot ask the client", e); // Local answers nothing
        } catch (io.burrow.mcp.core.BurrowException e) {
            return Dispatcher.errorResult(e);
        }
    }

    /**
     * Reads a resource in-process.
     *
     * @throws io.burrow.mcp.core.BurrowException if it cannot be read
     */
    public ResourceData readResource(String uri) {
        return dispatcher.readResource(uri);
    }

    /** The context of an in-process call: no client to notify or ask. */
    private record Local(Deadline deadline) implements RequestContext {
        @Override
        public boolean progressRequested() {
            return false;
        }

        @Override
        public void progress(double progress, Double total, String message) {
        }

        @Override
        public void log(LogLevel level, String message) {
        }

        @Override
        public String clientId() {
            return Client.LOCAL.id();
        }

        @Override
        public Map<String, ObjectNode> askAll(List<ClientRequest> requests) {
            return Map.of();
        }
    }
}
