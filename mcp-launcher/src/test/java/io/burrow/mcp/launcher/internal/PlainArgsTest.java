package io.burrow.mcp.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.ServerSettings;
import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.config.SettingsGroup;
import io.burrow.mcp.launcher.MetricsSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The plain reading of a command line gives what picocli gives, or leaves the line to picocli. */
final class PlainArgsTest {

    @SettingsGroup(prefix = "demo", envPrefix = "DEMO", title = "Demo")
    record DemoSettings(@Setting("Hosts.") List<String> allowedHosts, @Setting("Ports.") Set<Integer> ports) {
    }

    private static final SettingsCatalog CATALOG = SettingsCatalog.of(List.of(ServerSettings.class,
            MetricsSettings.class, DemoSettings.class));

    /** What picocli makes of {@code args} (flags by key, then the config file), or "rejected". */
    private static String picocli(String[] args) {
        CommandSpec root = CommandSpec.create().name("t").mixinStandardHelpOptions(true);
        root.addOption(OptionSpec.builder("--config").type(String.class).build());
        SettingsOptions.register(root, CATALOG);
        CommandLine cl = new CommandLine(root);
        for (String name : List.of("stdio", "tools")) {
            cl.addSubcommand(name, CommandSpec.create().name(name));
        }
        cl.setErr(new PrintWriter(new StringWriter()));
        try {
            ParseResult pr = cl.parseArgs(args);
            if (pr.isUsageHelpRequested() || pr.isVersionHelpRequested()) {
                return "help";
            }
            return SettingsOptions.collect(pr, CATALOG) + " config="
                    + (pr.hasMatchedOption("--config") ? pr.matchedOptionValue("--config", "") : null);
        } catch (CommandLine.ParameterException e) {
            return "rejected";
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "--burrow-log-level debug",
        "--burrow-log-level=debug --burrow-page-size 5",
        "--demo-allowed-hosts a --demo-ports=1,2 --demo-allowed-hosts=b,c --burrow-cache-specs a=maximumSize=5",
        "--burrow-replicated",
        "--burrow-replicated --burrow-page-size 5",
        "--burrow-replicated=false",
        "--metrics-port= --config x.properties",
        "--config=x.properties --burrow-log-format json",
        "stdio --burrow-log-level debug",
        "tools",
    })
    void plainLines_readAsPicocliReadsThem(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        PlainArgs.Parsed plain = PlainArgs.parse(args, CATALOG);
        assertThat(plain).isNotNull();
        assertThat(plain.flags() + " config=" + plain.config().orElse(null)).isEqualTo(picocli(args));
        assertThat(plain.command()).isEqualTo(args.length > 0 && !args[0].startsWith("-")
                ? java.util.Optional.of(args[0]) : java.util.Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--help",
        "stdio --help",
        "-h",
        "--version",
        "--no-such-flag 1",
        "--burrow-page-size",
        "--burrow-page-size -5",
        "--burrow-page-size 5 --burrow-page-size 6",
        "--burrow-replicated true",
        "--config a --config b",
        "--",
        "@args.txt",
        "--burrow-log-level debug tools",
    })
    void otherLines_areLeftToPicocli(String line) {
        assertThat(PlainArgs.parse(line.split(" "), CATALOG)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--burrow-page-size 5 --burrow-page-size 6", "--burrow-page-size"})
    void linesLeftToPicocli_includeThoseItRejects(String line) {
        assertThat(picocli(line.split(" "))).isEqualTo("rejected");
    }
}
