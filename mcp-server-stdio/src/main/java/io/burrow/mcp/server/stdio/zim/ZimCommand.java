package io.burrow.mcp.server.stdio.zim;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * The {@code zim} command group: {@code info}, {@code ls}, {@code cat}, {@code verify}, {@code bench},
 * {@code search}, {@code suggest}
 * on any ZIM archive, without starting a server. Documented in docs/cli.md.
 *
 * <p>Run in-process with {@link #run(String[], PrintStream, PrintStream)}, or as
 * {@code burrow zim …} through the stdio launcher.
 */
@Command(name = "zim", mixinStandardHelpOptions = true,
        description = "Inspect, verify and benchmark ZIM archives (no server).",
        subcommands = {ZimInfo.class, ZimLs.class, ZimCat.class, ZimVerify.class, ZimBench.class, ZimSearch.class,
            ZimSuggest.class})
public final class ZimCommand implements Callable<Integer>, ZimStreams {

    @Spec
    CommandLine.Model.CommandSpec spec;
    private PrintStream err = System.err;

    @Override
    public void streams(InputStream in, PrintStream out, PrintStream err) {
        this.err = err;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(err);
        return 2;
    }

    /**
     * Runs {@code zim ARGS…} in-process and returns its exit status: 0 success, 1 failure (damaged
     * archive, missing entry, failed check), 2 usage error.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new ZimCommand());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        CommandLine.ParseResult pr;
        try {
            pr = cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println(e.getMessage());
            err.println("Run with --help for usage.");
            return 2;
        }
        if (CommandLine.printHelpIfRequested(pr)) {
            return 0;
        }
        while (pr.subcommand() != null) {
            pr = pr.subcommand();
        }
        Object command = pr.commandSpec().userObject();
        if (command instanceof ZimStreams s) {
            s.streams(InputStream.nullInputStream(), out, err);
        }
        try {
            Object r = ((Callable<?>) command).call();
            return r instanceof Integer i ? i : 0;
        } catch (Exception e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }
}
