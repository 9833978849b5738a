package io.burrow.mcp.zim.cli;

import io.burrow.mcp.launcher.Launcher;
import java.io.InputStream;
import java.io.PrintStream;
import picocli.CommandLine.Command;

/**
 * The {@code zim} command group: {@code info}, {@code ls}, {@code cat}, {@code verify}, {@code bench},
 * {@code search}, {@code suggest} on any ZIM archive, without starting a server. Documented in
 * docs/cli.md. Launchers find it through {@link ZimCommandGroup}; {@link #run} runs it on its own.
 */
@Command(name = "zim", mixinStandardHelpOptions = true,
        description = "Inspect, verify and benchmark ZIM archives (no server).",
        subcommands = {ZimInfo.class, ZimLs.class, ZimCat.class, ZimVerify.class, ZimBench.class, ZimSearch.class,
            ZimSuggest.class})
final class ZimCommand {

    /**
     * Runs {@code zim ARGS…} in-process and returns its exit status: 0 success, 1 failure (damaged
     * archive, missing entry, failed check), 2 usage error.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Launcher.runStandalone(new ZimCommand(), args, InputStream.nullInputStream(), out, err);
    }
}
