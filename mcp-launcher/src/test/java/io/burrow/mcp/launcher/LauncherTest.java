package io.burrow.mcp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher's start-up: commands, the default, command groups, settings as flags and exit statuses. */
final class LauncherTest {

    /** A launcher's own settings group. */
    @SettingsGroup(prefix = "greet", envPrefix = "GREET", title = "Greetings")
    public record GreetSettings(@Setting(value = "Who to greet.", defaultValue = "world") String name) {
    }

    @CommandLine.Command(name = "greet", description = "Greets.")
    static final class Greet implements Command {
        @Override
        public int run(Invocation inv) {
            inv.out().println("hello " + inv.settings(GreetSettings.class).name());
            return 0;
        }
    }

    @CommandLine.Command(name = "fail", description = "Fails.")
    static final class Fail implements Command {
        @Override
        public int run(Invocation inv) {
            throw new IllegalStateException("secret internals at /home/someone");
        }
    }

    /** A command group found by the service loader (listed in META-INF/services). */
    public static final class Greetings implements CommandGroup {
        @CommandLine.Command(name = "greetings", subcommands = Wave.class, description = "Greeting tools.")
        static final class Root {
        }

        @CommandLine.Command(name = "wave", description = "Waves.")
        static final class Wave implements Command {
            @CommandLine.Parameters(index = "0")
            String who;

            @Override
            public int run(Invocation inv) {
                inv.out().println("waves at " + who);
                return 0;
            }
        }

        @Override
        public String name() {
            return "greetings";
        }

        @Override
        public Object command() {
            return new Root();
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = Launcher.builder("greeter", "Greets.").settingsGroup(GreetSettings.class)
                .command("greet", Greet::new).command("fail", Fail::new).defaultCommand("greet").build();
        int status = launcher.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, Map.of());
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noCommand_runsTheDefaultWithItsSettingsFromTheEnvironment() {
        Run r = run(Map.of("GREET_NAME", "gopher"));

        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo("hello gopher" + System.lineSeparator());
    }

    @Test
    void serve_isTheDefaultCommandsAlias_andSettingsAreFlags() {
        Run r = run(Map.of("GREET_NAME", "gopher"), "serve", "--greet-name", "gemini");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("hello gemini");
    }

    @Test
    void aCommandGroupFromTheServiceLoader_runsItsLeaf() {
        Run r = run(Map.of(), "greetings", "wave", "Ada");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("waves at Ada");
    }

    @Test
    void builtInCommands_areThereUnlessTheLauncherDefinesThem() {
        Run r = run(Map.of(), "--help");

        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("greet, serve").contains("stdio").contains("tools").contains("call")
                .contains("config-doc").contains("greetings").contains("--greet-name");
        assertThat(r.out()).doesNotContain("stdio, serve");
    }

    @Test
    void unknownFlag_exits2WithAHint() {
        Run r = run(Map.of(), "greet", "--no-such-flag");

        assertThat(r.status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(r.err()).contains("--no-such-flag").contains("--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aGroupWithoutALeaf_printsItsUsageAndExits2() {
        Run r = run(Map.of(), "greetings");

        assertThat(r.status()).isEqualTo(Launcher.EXIT_USAGE);
        assertThat(r.err()).contains("wave");
    }

    @Test
    void aFailingCommand_exits1WithoutItsInternalsOnStdout() {
        Run r = run(Map.of(), "fail");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Error: internal error");
    }

    @Test
    void runStandalone_runsACommandWithoutSettings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Launcher.runStandalone(new Greetings.Root(), new String[] {"wave", "Grace"},
                InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("waves at Grace");
    }
}
