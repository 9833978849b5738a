package io.burrow.mcp.launcher.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.launcher.Command;
import io.burrow.mcp.launcher.Invocation;
import io.burrow.mcp.launcher.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Parameters;

/** The commands every launcher has: {@code stdio}, {@code tools}, {@code call}, {@code config-doc}. */
final class BuiltInCommands {

    private BuiltInCommands() {
    }

    /**
     * Adds the built-in commands the launcher does not define itself; the default command also answers to
     * {@code serve}.
     */
    static void addTo(CommandLine cl, Set<String> taken, String defaultCommand) {
        if (!taken.contains("stdio")) {
            cl.addSubcommand("stdio", new Stdio(), aliases("stdio", defaultCommand));
        }
        if (!taken.contains("tools")) {
            cl.addSubcommand("tools", new Tools());
        }
        if (!taken.contains("call")) {
            cl.addSubcommand("call", new Call());
        }
        if (!taken.contains("config-doc")) {
            cl.addSubcommand("config-doc", new ConfigDocCommand());
        }
    }

    /** A new built-in command called {@code name}, or {@code null} if there is none. */
    static Object create(String name) {
        return switch (name) {
            case "stdio" -> new Stdio();
            case "tools" -> new Tools();
            case "call" -> new Call();
            case "config-doc" -> new ConfigDocCommand();
            default -> null;
        };
    }

    /** {@code serve} for the default command, nothing for the others. */
    static String[] aliases(String command, String defaultCommand) {
        return command.equals(defaultCommand) ? new String[] {"serve"} : new String[0];
    }

    /** Serve MCP over stdio. */
    @CommandLine.Command(name = "stdio", mixinStandardHelpOptions = true,
            description = "Serve MCP on stdin/stdout (both protocol generations); logs go to stderr. With "
                    + "BURROW_METRICS_PORT, Prometheus metrics are served at /metrics on that port.")
    static final class Stdio implements Command {
        @Override
        public int run(Invocation inv) throws InterruptedException {
            try (BurrowServer server = inv.newServer()) {
                JdkMetricsServer metrics;
                try {
                    metrics = inv.metrics().isEmpty() ? null : JdkMetricsServer.start(inv.metrics().get());
                } catch (IOException e) {
                    inv.err().println("Error: cannot serve metrics on " + inv.metrics().get().settings().host() + ":"
                            + inv.metrics().get().settings().port() + ": " + e.getMessage());
                    return Launcher.EXIT_USAGE;
                }
                try {
                    server.serveStdio(inv.in(), inv.out(), Duration.ofSeconds(60));
                } finally {
                    if (metrics != null) {
                        metrics.close();
                    }
                }
            }
            return 0;
        }
    }

    /** List the tools with their schemas. */
    @CommandLine.Command(name = "tools", mixinStandardHelpOptions = true,
            description = "Print the tools with their schemas as JSON.")
    static final class Tools implements Command {
        @Override
        public int run(Invocation inv) throws IOException {
            try (BurrowServer server = inv.newServer()) {
                inv.out().println(Json.prettyWriter().writeValueAsString(server.advertisedTools()));
            }
            return 0;
        }
    }

    /** Call one tool in-process. */
    @CommandLine.Command(name = "call", mixinStandardHelpOptions = true,
            description = "Call one tool in-process and print its result as JSON (exit status 1 for an error result).")
    static final class Call implements Command {
        @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name.")
        String tool;
        @Parameters(index = "1", arity = "0..1", paramLabel = "JSON", defaultValue = "{}",
                description = "Arguments as a JSON object; '-' reads them from stdin. Default: {}.")
        String json;

        @Override
        public int run(Invocation inv) throws IOException {
            String text = json.equals("-") ? new String(inv.in().readAllBytes(), StandardCharsets.UTF_8) : json;
            JsonNode arguments;
            try {
                arguments = Json.parse(text);
            } catch (IOException e) {
                inv.err().println("JSON arguments are not valid JSON");
                return Launcher.EXIT_USAGE;
            }
            if (arguments == null || !arguments.isObject()) {
                inv.err().println("JSON arguments must be an object");
                return Launcher.EXIT_USAGE;
            }
            try (BurrowServer server = inv.newServer()) {
                ObjectNode result = server.callTool(tool, arguments);
                inv.out().println(Json.prettyWriter().writeValueAsString(result));
                return result.path("isError").asBoolean() ? 1 : 0;
            }
        }
    }

    /** Print the configuration reference. */
    @CommandLine.Command(name = "config-doc", mixinStandardHelpOptions = true,
            description = "Print the configuration reference of every setting (Markdown).")
    static final class ConfigDocCommand implements Command {
        @Override
        public int run(Invocation inv) {
            inv.out().print(ConfigDoc.render(inv.catalog()));
            inv.out().flush();
            return 0;
        }
    }
}
