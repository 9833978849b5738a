package io.burrow.mcp.launcher;

import io.burrow.mcp.launcher.internal.Logging;
import io.burrow.mcp.launcher.internal.Startup;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The command line of a Burrow launcher: its own commands (the HTTP launcher's {@code http}), the
 * built-in ones every launcher shares ({@code stdio}, {@code tools}, {@code call}, {@code config-doc}),
 * and the command groups modules contribute ({@link CommandGroup}, such as {@code zim}). Every setting
 * of every discovered module is a flag too. Start-up binds and validates all settings before a command
 * runs, and prints every violation (exit status 2).
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Launcher.builder("burrow", "Burrow over stdio.").defaultCommand("stdio").build().main(args);
 * }
 * }</pre>
 */
public final class Launcher {

    /** Exit status for invalid usage or settings. */
    public static final int EXIT_USAGE = 2;

    private final String name;
    private final String description;
    private final List<Class<? extends Record>> groups;
    private final Map<String, Supplier<Object>> commands;
    private final String defaultCommand;

    private Launcher(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.groups = List.copyOf(b.groups);
        this.commands = Map.copyOf(b.commands);
        this.defaultCommand = b.defaultCommand;
    }

    /** Starts a builder of a launcher called {@code name} (as in its usage line). */
    public static Builder builder(String name, String description) {
        return new Builder(name, description);
    }

    /**
     * Runs the launcher as a process's main method: configures stderr logging, keeps {@code System.out}
     * for command output only (everything else printed there goes to stderr), runs, and exits with the
     * command's status.
     */
    public void main(String[] args) {
        Logging.bindProcess();
        Startup.preload();
        PrintStream stdout = System.out;
        configureLogging(args, System.getenv());
        System.setOut(System.err); // nothing but JSON-RPC and command output may reach stdout
        Map<String, String> properties = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        int status = run(args, System.in, stdout, System.err, System.getenv(), properties);
        stdout.flush();
        System.exit(status);
    }

    /**
     * Sends logging to stderr at the level and in the format asked for by {@code --burrow-log-level} or
     * {@code BURROW_LOG_LEVEL} and {@code --burrow-log-format} or {@code BURROW_LOG_FORMAT} ({@code text} or
     * {@code json}); the settings bound later (config file, system properties) apply once read.
     * {@link #main} does it itself.
     */
    public static void configureLogging(String[] args, Map<String, String> env) {
        Logging.configureProcess(args, env);
    }

    /**
     * Sends every log line to {@code target} at {@code level} ({@code trace} … {@code error}) as {@code text} or
     * {@code json} (one object per line), replacing the configuration before; {@code target} is not closed. For
     * tests that read the log, and for embedders running a launcher in their own process.
     */
    public static void configureLogging(String level, String format, OutputStream target) {
        Logging.configure(level, format, target);
    }

    /** Runs the launcher in-process; returns the exit status. */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Map<String, String> systemProperties) {
        return Startup.run(name, description, groups, commands, defaultCommand, args, in, out, err, env,
                systemProperties);
    }

    /**
     * Runs one command object (a {@link CommandGroup}'s, say) on its own, without settings or modules:
     * for tools that need no server, and for tests.
     */
    public static int runStandalone(Object command, String[] args, InputStream in, PrintStream out, PrintStream err) {
        return Startup.runStandalone(command, args, in, out, err);
    }

    /** Builder of {@link Launcher}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final List<Class<? extends Record>> groups = new ArrayList<>();
        private final Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        private String defaultCommand = "stdio";

        private Builder(String name, String description) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = Objects.requireNonNull(description, "description");
        }

        /** A settings group of the launcher itself (bound and turned into flags like the modules'). */
        public Builder settingsGroup(Class<? extends Record> group) {
            groups.add(group);
            return this;
        }

        /** A command of the launcher: a supplier of new picocli {@code @Command} objects implementing {@link Command}. */
        public Builder command(String commandName, Supplier<Object> command) {
            commands.put(commandName, command);
            return this;
        }

        /** The command run when none is named (default {@code stdio}). */
        public Builder defaultCommand(String commandName) {
            this.defaultCommand = commandName;
            return this;
        }

        public Launcher build() {
            return new Launcher(this);
        }
    }
}
