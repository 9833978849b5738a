package io.burrow.mcp.launcher.internal;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.ServerSettings;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.launcher.Command;
import io.burrow.mcp.launcher.CommandGroup;
import io.burrow.mcp.launcher.Invocation;
import io.burrow.mcp.launcher.Launcher;
import io.burrow.mcp.launcher.MetricsEndpoint;
import io.burrow.mcp.launcher.MetricsSettings;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The start-up sequence every launcher shares: discover modules and command groups, turn every setting
 * into a flag, parse the command line, bind and validate the settings (every violation printed, exit
 * status 2), then run the chosen command.
 */
public final class Startup {

    private Startup() {
    }

    /**
     * For a launcher process: loads, on a daemon thread, what every first request needs and the start-up path
     * reaches only late (Jackson's mappers, some 550 classes), while the main thread sets
     * up logging and reads the settings. On two cores that overlaps a few hundred milliseconds of class loading;
     * the main thread waits only if it gets there first. No state is shared: the thread only loads classes.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                Json.writer().writeValueAsBytes(Json.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"));
            } catch (Exception | LinkageError e) {
                // only a head start; whatever failed here fails again where it is needed, and is reported there
            }
        }, "burrow-preload");
        t.setDaemon(true);
        t.start();
    }

    /** Runs a launcher; see {@link Launcher#run}. */
    public static int run(String name, String description, List<Class<? extends Record>> launcherGroups,
            Map<String, Supplier<Object>> commands, String defaultCommand, String[] args, InputStream in,
            PrintStream out, PrintStream err, Map<String, String> env, Map<String, String> systemProperties) {
        List<BurrowModule> modules = BurrowServer.discoverModules();
        List<Class<? extends Record>> groups = new ArrayList<>(BurrowServer.catalog(modules).groups());
        groups.add(MetricsSettings.class);
        groups.addAll(launcherGroups);
        SettingsCatalog catalog = SettingsCatalog.of(groups);

        PlainArgs.Parsed plain = PlainArgs.parse(args, catalog);
        Command runnable;
        Map<String, List<String>> flags;
        Optional<String> configFlag;
        if (plain != null && plainCommand(commands, plain.command().orElse(defaultCommand), defaultCommand)
                instanceof Command c) {
            runnable = c;
            flags = plain.flags();
            configFlag = plain.config();
        } else {
            CommandLine cl = commandLine(name, description, commands, defaultCommand, catalog, err);
            ParseResult pr = parse(cl, args, out, err);
            if (pr == null) {
                return Launcher.EXIT_USAGE;
            }
            if (CommandLine.printHelpIfRequested(pr)) {
                return 0;
            }
            ParseResult leaf = pr;
            while (leaf.subcommand() != null) {
                leaf = leaf.subcommand();
            }
            Object command = leaf == pr ? cl.getSubcommands().get(defaultCommand).getCommand()
                    : leaf.commandSpec().userObject();
            if (!(command instanceof Command r)) {
                leaf.commandSpec().commandLine().usage(err);
                return Launcher.EXIT_USAGE;
            }
            runnable = r;
            flags = SettingsOptions.collect(pr, catalog);
            configFlag = pr.hasMatchedOption("--config") ? Optional.of(pr.matchedOptionValue("--config", ""))
                    : Optional.empty();
        }

        ConfigSources sources = ConfigSources.empty().withEnv(env).withSystemProperties(systemProperties)
                .withFlags(flags);
        Settings settings;
        try {
            String configFile = configFlag.orElseGet(
                    () -> env.getOrDefault("BURROW_CONFIG", systemProperties.getOrDefault("burrow.config", "")));
            if (!configFile.isBlank()) {
                sources = sources.withFile(Path.of(configFile));
            }
            settings = catalog.bind(sources);
        } catch (ConfigurationException e) {
            return invalid(e, err);
        }
        ServerSettings server = settings.get(ServerSettings.class);
        Logging.apply(server.logLevel(), server.logFormat());
        try (Observability observability = new Observability(settings.get(MetricsSettings.class), env,
                systemProperties, "json".equals(server.logFormat()))) {
            return execute(runnable, new Bound(in, out, err, catalog, settings, modules, observability));
        }
    }

    /** The full command line: every command, command group and setting, for picocli to parse. */
    private static CommandLine commandLine(String name, String description, Map<String, Supplier<Object>> commands,
            String defaultCommand, SettingsCatalog catalog, PrintStream err) {
        CommandSpec root = CommandSpec.create().name(name).mixinStandardHelpOptions(true)
                .versionProvider(() -> new String[] {name + " " + BurrowServer.version()});
        root.usageMessage().description(description, "With no command, runs '" + defaultCommand + "'.");
        root.addOption(OptionSpec.builder("--config").paramLabel("<file>").type(String.class)
                .scopeType(CommandLine.ScopeType.INHERIT)
                .description("Settings file (Java properties; keys are setting keys or environment variable names). "
                        + "[env BURROW_CONFIG]").build());
        SettingsOptions.register(root, catalog); // before the subcommands, which inherit the options
        CommandLine cl = new CommandLine(root);
        commands.forEach((n, c) -> cl.addSubcommand(n, c.get(), BuiltInCommands.aliases(n, defaultCommand)));
        BuiltInCommands.addTo(cl, commands.keySet(), defaultCommand);
        for (CommandGroup g : commandGroups(err)) {
            if (!cl.getSubcommands().containsKey(g.name())) {
                cl.addSubcommand(g.name(), g.command());
            }
        }
        return cl;
    }

    /**
     * A new command called {@code name} (the launcher's own, a built-in one, or {@code serve} for the default), when
     * it can run without picocli (no options or parameters of its own), else {@code null}.
     */
    private static Object plainCommand(Map<String, Supplier<Object>> commands, String name, String defaultCommand) {
        String commandName = name.equals("serve") ? defaultCommand : name;
        Supplier<Object> own = commands.get(commandName);
        Object command = own != null ? own.get() : BuiltInCommands.create(commandName);
        if (command == null) {
            return null;
        }
        for (Class<?> k = command.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
            for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                for (java.lang.annotation.Annotation a : f.getDeclaredAnnotations()) {
                    if (a.annotationType().getName().startsWith("picocli.")) {
                        return null;
                    }
                }
            }
        }
        return command;
    }

    private static int invalid(ConfigurationException e, PrintStream err) {
        err.println("Invalid configuration:");
        e.violations().forEach(v -> err.println("  " + v));
        return Launcher.EXIT_USAGE;
    }

    /** Runs one command object on its own; see {@link Launcher#runStandalone}. */
    public static int runStandalone(Object command, String[] args, InputStream in, PrintStream out, PrintStream err) {
        ParseResult pr = parse(new CommandLine(command), args, out, err);
        if (pr == null) {
            return Launcher.EXIT_USAGE;
        }
        if (CommandLine.printHelpIfRequested(pr)) {
            return 0;
        }
        while (pr.subcommand() != null) {
            pr = pr.subcommand();
        }
        if (!(pr.commandSpec().userObject() instanceof Command runnable)) {
            pr.commandSpec().commandLine().usage(err);
            return Launcher.EXIT_USAGE;
        }
        return execute(runnable, new Bound(in, out, err, SettingsCatalog.of(List.of()), null, List.of(), null));
    }

    /** Parses {@code args} with {@code cl} writing to {@code out}/{@code err}; null (reported on err) when they are wrong. */
    private static ParseResult parse(CommandLine cl, String[] args, PrintStream out, PrintStream err) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        try {
            return cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            err.println("Run with --help for usage.");
            return null;
        }
    }

    private static int execute(Command command, Invocation invocation) {
        try {
            return command.run(invocation);
        } catch (ConfigurationException e) {
            return invalid(e, invocation.err());
        } catch (Exception e) {
            LoggerFactory.getLogger(Startup.class).error("command failed", e);
            invocation.err().println("Error: " + (e instanceof io.burrow.mcp.core.BurrowException be ? be.getMessage()
                    : "internal error, see the log above"));
            return 1;
        }
    }

    /** An invocation with bound settings (or none, for standalone commands). */
    private record Bound(InputStream in, PrintStream out, PrintStream err, SettingsCatalog catalog, Settings bound,
            List<BurrowModule> modules, Observability observability) implements Invocation {

        @Override
        public <T extends Record> T settings(Class<T> group) {
            if (bound == null) {
                throw new IllegalStateException("a standalone command has no settings");
            }
            return bound.get(group);
        }

        @Override
        public BurrowServer newServer() {
            if (bound == null) {
                throw new IllegalStateException("a standalone command has no server");
            }
            BurrowServer.Builder b = BurrowServer.builder().settings(bound).telemetry(observability.telemetry());
            modules.forEach(b::module);
            return b.build();
        }

        @Override
        public Optional<MetricsEndpoint> metrics() {
            return observability == null ? Optional.empty() : observability.metrics();
        }
    }

    /**
     * The command groups on the class path. One that cannot be loaded (a stale service entry, a missing
     * dependency) is left out with a warning on {@code err}, so the launcher's own commands still run.
     */
    static List<CommandGroup> commandGroups(PrintStream err) {
        List<CommandGroup> out = new ArrayList<>();
        Iterator<CommandGroup> it = ServiceLoader.load(CommandGroup.class).iterator();
        for (int failures = 0; failures < 100; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                failures++;
                err.println("warning: a command group could not be loaded and is left out: " + e.getMessage());
            }
        }
        return out;
    }
}
