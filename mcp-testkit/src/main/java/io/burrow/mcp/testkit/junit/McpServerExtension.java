package io.burrow.mcp.testkit.junit;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.McpTester;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link BurrowServer} of your modules for a test class and stops it afterwards, and connects
 * {@link McpTester}s to it that it closes after each test. Registered on a static field, one server
 * serves the whole class; on an instance field, each test gets a fresh server.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final McpServerExtension mcp = McpServerExtension.create().module(EchoModule::new);
 *
 * @Test
 * void echoes(McpTester client) {                         // connected and initialized, 2025-11-25
 *     client.call("echo", Map.of("text", "hi")).assertOk();
 * }
 *
 * @ParameterizedTest
 * @EnumSource(Era.class)
 * void echoesInBothGenerations(Era era) {
 *     mcp.connect(era).call("echo", Map.of("text", "hi")).assertOk();   // closed after the test
 * }
 * }</pre>
 *
 * Test methods may also declare a {@link BurrowServer} parameter.
 */
public final class McpServerExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {

    private final List<Supplier<? extends BurrowModule>> modules = new ArrayList<>();
    private ConfigSources settings = ConfigSources.empty();
    private final List<McpTester> testers = new CopyOnWriteArrayList<>();
    private volatile BurrowServer server;
    private boolean perClass;

    private McpServerExtension() {
    }

    /** An extension with no modules yet (the server then has only the built-in {@code health} tool). */
    public static McpServerExtension create() {
        return new McpServerExtension();
    }

    /** A module of the server; the supplier gives a new instance for each server started. */
    public McpServerExtension module(Supplier<? extends BurrowModule> module) {
        modules.add(Objects.requireNonNull(module, "module"));
        return this;
    }

    /** Settings of the server (default: every default), such as {@code ConfigSources.empty().withEnv(Map.of(…))}. */
    public McpServerExtension settings(ConfigSources settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /** Settings of the server, as environment variables ({@code ZIM_DIRS}, {@code GOPHER_TIMEOUT_SECONDS}, …). */
    public McpServerExtension env(Map<String, String> variables) {
        return settings(settings.withEnv(variables));
    }

    /** The running server. */
    public BurrowServer server() {
        BurrowServer s = server;
        if (s == null) {
            throw new IllegalStateException("the server runs only while a test of the class runs");
        }
        return s;
    }

    /** A tester connected to the server in-process in the 2025-11-25 generation, closed after the test. */
    public McpTester connect() {
        return connect(Era.LEGACY);
    }

    /** A tester connected to the server in-process in {@code era}, closed after the test. */
    public McpTester connect(Era era) {
        McpTester tester = McpTester.builder().era(era).inProcess(server());
        testers.add(tester);
        return tester;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        testers.forEach(McpTester::close);
        testers.clear();
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private BurrowServer start() {
        BurrowServer.Builder b = BurrowServer.builder().configSources(settings);
        modules.forEach(m -> b.module(m.get()));
        return b.build();
    }

    private void stop() {
        BurrowServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == McpTester.class || type == BurrowServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BurrowServer.class ? server() : connect();
    }
}
