package io.burrow.mcp.server.stdio;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The stdio launcher: {@code java -jar mcp-server-stdio.jar [serve|tools|call|zim|…] [--setting value…]}.
 * With no command it serves MCP over stdin/stdout; stdout carries only JSON-RPC, logs go to stderr.
 */
public final class Main {

    private Main() {
    }

    /** The root command: shared options and the command list. */
    @Command(name = "burrow", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Burrow: MCP server for Gopher, Gemini and ZIM archives, over stdio.%n"
                    + "With no command, serves MCP on stdin/stdout.",
            subcommandsRepeatable = false)
    public static final class Root {
        @Option(names = "--config", paramLabel = "<file>", scope = CommandLine.ScopeType.INHERIT,
                description = "Settings file (Java properties; keys are setting keys or environment variable names). "
                        + "[env BURROW_CONFIG]")
        String config;
    }

    /** Serve MCP over stdio (the default). */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve MCP on stdin/stdout (the default).")
    static final class Serve {
    }

    /** List the tools with their schemas. */
    @Command(name = "tools", mixinStandardHelpOptions = true, description = "Print the tools with their schemas as JSON.")
    static final class Tools {
    }

    /** Call one tool in-process. */
    @Command(name = "call", mixinStandardHelpOptions = true,
            description = "Call one tool in-process and print its result as JSON (exit status 1 for an error result).")
    static final class Call {
        @Parameters(index = "0", paramLabel = "TOOL", description = "Tool name.")
        String tool;
        @Parameters(index = "1", arity = "0..1", paramLabel = "JSON", defaultValue = "{}",
                description = "Arguments as a JSON object; '-' reads them from stdin. Default: {}.")
        String json;
    }

    /** Print the configuration reference. */
    @Command(name = "config-doc", hidden = true, description = "Print the configuration reference (Markdown).")
    static final class ConfigDocCommand {
    }

    /** Prints the version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"burrow " + BurrowServer.version()};
        }
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        Map<String, String> env = System.getenv();
        Launch.configureLogging(args, env);
        System.setOut(System.err); // nothing but JSON-RPC and command output may reach stdout
        int status = run(args, System.in, stdout, System.err, env, systemProperties());
        stdout.flush();
        System.exit(status);
    }

    static Map<String, String> systemProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        return m;
    }

    /** Builds the command line with every command; the zim command group is added here too. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand("serve", new Serve());
        cl.addSubcommand("tools", new Tools());
        cl.addSubcommand("call", new Call());
        cl.addSubcommand("config-doc", new ConfigDocCommand());
        cl.addSubcommand("zim", new io.burrow.mcp.server.stdio.zim.ZimCommand());
        return cl;
    }

    /** Runs the launcher; returns the exit status. Testable in-process. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Map<String, String> systemProperties) {
        CommandLine cl = commandLine();
        Launch.Prepared p;
        try {
            p = Launch.prepare(cl, List.of(), args, env, systemProperties, out, err);
        } catch (Launch.Exit e) {
            return e.status();
        }
        Object command = p.leaf().commandSpec().userObject();
        try {
            if (command instanceof ConfigDocCommand) {
                out.print(ConfigDoc.render(p.catalog()));
                return 0;
            }
            if (command instanceof Tools) {
                try (BurrowServer server = p.newServer()) {
                    out.println(Json.plain().writerWithDefaultPrettyPrinter().writeValueAsString(server.advertisedTools()));
                }
                return 0;
            }
            if (command instanceof Call call) {
                String json = call.json.equals("-") ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : call.json;
                com.fasterxml.jackson.databind.JsonNode arguments;
                try {
                    arguments = Json.plain().readTree(json);
                } catch (java.io.IOException e) {
                    err.println("JSON arguments are not valid JSON");
                    return Launch.EXIT_USAGE;
                }
                if (arguments == null || !arguments.isObject()) {
                    err.println("JSON arguments must be an object");
                    return Launch.EXIT_USAGE;
                }
                try (BurrowServer server = p.newServer()) {
                    com.fasterxml.jackson.databind.node.ObjectNode result = server.callTool(call.tool, arguments);
                    out.println(Json.plain().writerWithDefaultPrettyPrinter().writeValueAsString(result));
                    return result.path("isError").asBoolean() ? 1 : 0;
                }
            }
            if (command instanceof Root || command instanceof Serve) {
                try (BurrowServer server = p.newServer()) {
                    server.serveStdio(in, out, Duration.ofSeconds(60));
                }
                return 0;
            }
            if (command instanceof io.burrow.mcp.server.stdio.zim.ZimStreams zimCommand) {
                zimCommand.streams(in, out, err);
            }
            if (command instanceof java.util.concurrent.Callable<?> callable) {
                Object r = callable.call();
                return r instanceof Integer i ? i : 0;
            }
            err.println("Unknown command");
            return Launch.EXIT_USAGE;
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", e);
            err.println("Error: " + (e instanceof io.burrow.mcp.core.BurrowException be ? be.getMessage()
                    : "internal error, see the log above"));
            return 1;
        }
    }
}
