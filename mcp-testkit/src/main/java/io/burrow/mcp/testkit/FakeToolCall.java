package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link ToolCall} for calling a tool handler directly in a unit test: records progress and log
 * messages, answers the handler's questions with the functions given to {@link #answer}, and can be
 * cancelled.
 *
 * <pre>{@code
 * FakeToolCall call = FakeToolCall.of("my_tool", Map.of("q", "x")).withProgress();
 * ToolResult result = call.call(new MyModule());          // or call.call(server), or handler.call(call)
 * assertThat(call.progress()).isNotEmpty();
 * }</pre>
 */
public final class FakeToolCall implements ToolCall, Cancellation {

    /** One progress notification. */
    public record Progress(double progress, Double total, String message) {
    }

    private final String tool;
    private final ObjectNode arguments;
    private final List<Progress> progress = new CopyOnWriteArrayList<>();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final Map<String, Function<ObjectNode, ObjectNode>> answers = new LinkedHashMap<>();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private boolean progressRequested;
    private Deadline deadline = Deadline.after(Duration.ofSeconds(30));
    private String clientId = "test";
    private boolean remote;
    private volatile boolean cancelled;

    private FakeToolCall(String tool, ObjectNode arguments) {
        this.tool = tool;
        this.arguments = arguments;
    }

    /** A call of {@code tool} with these arguments. */
    public static FakeToolCall of(String tool, ObjectNode arguments) {
        return new FakeToolCall(tool, arguments == null ? Json.object() : arguments);
    }

    /** A call of {@code tool} with these arguments (a map, a record or a JSON tree). */
    public static FakeToolCall of(String tool, Object arguments) {
        return of(tool, arguments == null ? null : (ObjectNode) Json.valueToTree(arguments));
    }

    /**
     * Calls the handler of this call's tool in {@code server} directly, without MCP: no argument
     * validation, no result conversion; the handler's exceptions reach the caller.
     */
    public ToolResult call(BurrowServer server) {
        for (ToolDefinition t : server.tools()) {
            if (t.name().equals(tool)) {
                return t.handler().call(this);
            }
        }
        throw new AssertionError("no tool " + tool + " in " + server.modules());
    }

    /** Calls the handler of this call's tool in a server of {@code module} with default settings; see {@link #call(BurrowServer)}. */
    public ToolResult call(BurrowModule module) {
        try (BurrowServer server = BurrowServer.builder().module(module).build()) {
            return call(server);
        }
    }

    /** The client asks for progress notifications. */
    public FakeToolCall withProgress() {
        this.progressRequested = true;
        return this;
    }

    /** The call's deadline is {@code budget} from now. */
    public FakeToolCall withDeadline(Duration budget) {
        this.deadline = Deadline.after(budget);
        return this;
    }

    /** The client is remote (over HTTP) with this identity. */
    public FakeToolCall remoteClient(String id) {
        this.clientId = id;
        this.remote = true;
        return this;
    }

    /** Answers the handler's {@code method} questions (for example {@code elicitation/create}) with {@code answer}. */
    public FakeToolCall answer(String method, Function<ObjectNode, ObjectNode> answer) {
        answers.put(method, answer);
        return this;
    }

    /** Cancels the call, as a client that gave up would. */
    public void cancel() {
        cancelled = true;
        onCancel.forEach(Runnable::run);
    }

    /** Progress notifications sent so far. */
    public List<Progress> progress() {
        return new ArrayList<>(progress);
    }

    /** Log messages sent so far, as {@code LEVEL message}. */
    public List<String> logs() {
        return new ArrayList<>(logs);
    }

    @Override
    public String toolName() {
        return tool;
    }

    @Override
    public ObjectNode arguments() {
        return arguments;
    }

    @Override
    public boolean progressRequested() {
        return progressRequested;
    }

    @Override
    public void progress(double p, Double total, String message) {
        if (progressRequested) {
            progress.add(new Progress(p, total, message));
        }
    }

    @Override
    public void log(LogLevel level, String message) {
        logs.add(level + " " + message);
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public boolean remote() {
        return remote;
    }

    @Override
    public boolean clientSupports(String capability) {
        return answers.keySet().stream().anyMatch(m -> new ClientRequest(null, m,
                Json.object()).capability().equals(capability));
    }

    @Override
    public Cancellation cancellation() {
        return this;
    }

    @Override
    public Deadline deadline() {
        return deadline;
    }

    @Override
    public Map<String, ObjectNode> askAll(List<ClientRequest> requests) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            ClientRequest r = requests.get(i);
            Function<ObjectNode, ObjectNode> a = answers.get(r.method());
            if (a != null) {
                out.put(r.key() != null ? r.key() : "input-" + (i + 1), a.apply(r.params()));
            }
        }
        return out;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public Registration onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }
}
