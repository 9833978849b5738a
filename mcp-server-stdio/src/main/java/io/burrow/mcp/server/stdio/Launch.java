package io.burrow.mcp.server.stdio;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.spi.BurrowModule;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The start-up sequence both launchers share: configure stderr logging, discover modules, turn every
 * setting into a flag, parse the command line, bind and validate the settings (every violation is
 * printed, exit status 2), and build the server.
 */
public final class Launch {

    /** Exit status for invalid usage or settings. */
    public static final int EXIT_USAGE = 2;

    /** What a launcher has after a successful start-up. */
    public record Prepared(ParseResult parseResult, SettingsCatalog catalog, List<BurrowModule> modules,
            Settings settings) {

        /** Builds the server from the discovered modules and the bound settings. */
        public BurrowServer newServer() {
            BurrowServer.Builder b = BurrowServer.builder().settings(settings);
            modules.forEach(b::module);
            return b.build();
        }

        /** The deepest subcommand the user chose, or the root. */
        public ParseResult leaf() {
            ParseResult pr = parseResult;
            while (pr.subcommand() != null) {
                pr = pr.subcommand();
            }
            return pr;
        }
    }

    /** Thrown to end start-up with an exit status (help, version, errors). */
    public static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private Launch() {
    }

    /**
     * Sends SLF4J simple logging to stderr at the level asked for by {@code --burrow-log-level} or
     * {@code BURROW_LOG_LEVEL}. Must run before the first logger is created.
     */
    public static void configureLogging(String[] args, Map<String, String> env) {
        String level = env.getOrDefault("BURROW_LOG_LEVEL", "info");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--burrow-log-level") && i + 1 < args.length) {
                level = args[i + 1];
            } else if (args[i].startsWith("--burrow-log-level=")) {
                level = args[i].substring("--burrow-log-level=".length());
            }
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.toLowerCase(Locale.ROOT));
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.hibernate.validator", "warn");
        System.setProperty("org.jboss.logging.provider", "slf4j");
    }

    /**
     * Parses the command line and binds the settings.
     *
     * @param cl the command line with its subcommands added; settings options are added here
     * @param extraGroups launcher-specific settings groups (HTTP)
     * @throws Exit after printing help, the version or every problem
     */
    public static Prepared prepare(CommandLine cl, List<Class<? extends Record>> extraGroups, String[] args,
            Map<String, String> env, Map<String, String> systemProperties, PrintStream out, PrintStream err)
            throws Exit {
        List<BurrowModule> modules = BurrowServer.discoverModules();
        List<Class<? extends Record>> groups = new ArrayList<>(BurrowServer.catalog(modules).groups());
        groups.addAll(extraGroups);
        SettingsCatalog catalog = SettingsCatalog.of(groups);
        SettingsOptions.register(cl.getCommandSpec(), catalog);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            err.println("Run with --help for usage.");
            throw new Exit(EXIT_USAGE);
        }
        if (CommandLine.printHelpIfRequested(pr)) {
            throw new Exit(0);
        }
        ConfigSources sources = ConfigSources.empty().withEnv(env).withSystemProperties(systemProperties)
                .withFlags(SettingsOptions.collect(pr, catalog));
        try {
            String configFile = pr.hasMatchedOption("--config") ? pr.matchedOptionValue("--config", "")
                    : env.getOrDefault("BURROW_CONFIG", systemProperties.getOrDefault("burrow.config", ""));
            if (!configFile.isBlank()) {
                sources = sources.withFile(Path.of(configFile));
            }
            Settings settings = catalog.bind(sources);
            return new Prepared(pr, catalog, modules, settings);
        } catch (ConfigurationException e) {
            err.println("Invalid configuration:");
            e.violations().forEach(v -> err.println("  " + v));
            throw new Exit(EXIT_USAGE);
        }
    }
}
