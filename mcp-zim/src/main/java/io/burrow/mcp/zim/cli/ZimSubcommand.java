package io.burrow.mcp.zim.cli;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import io.burrow.mcp.launcher.Command;
import io.burrow.mcp.launcher.Invocation;
import picocli.CommandLine.Parameters;

/** Shared parts of the zim subcommands: the archive argument, the streams, error reporting. */
abstract class ZimSubcommand implements Command {

    @Parameters(index = "0", paramLabel = "FILE", description = "The ZIM archive (.zim, or a split archive's .zimaa).")
    Path file;

    PrintStream out = System.out;
    PrintStream err = System.err;

    ZimOptions options() {
        return ZimOptions.defaults();
    }

    @Override
    public final int run(Invocation invocation) {
        this.out = invocation.out();
        this.err = invocation.err();
        try (ZimArchive zim = ZimArchive.open(file, options())) {
            return run(zim);
        } catch (BurrowException e) {
            err.println("Error: " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("Error: cannot write the output");
            return 1;
        } finally {
            out.flush();
        }
    }

    abstract int run(ZimArchive zim) throws java.io.IOException;
}
