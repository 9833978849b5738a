package io.burrow.mcp.server.stdio;

import io.burrow.mcp.launcher.Launcher;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * The stdio launcher: {@code java -jar mcp-server-stdio.jar [stdio|tools|call|zim|…] [--setting value…]}.
 * With no command it serves MCP over stdin/stdout; stdout carries only JSON-RPC, logs go to stderr.
 */
public final class Main {

    private Main() {
    }

    static Launcher launcher() {
        return Launcher.builder("burrow", "Burrow: MCP server for Gopher, Gemini and ZIM archives, over stdio.")
                .defaultCommand("stdio").build();
    }

    public static void main(String[] args) {
        launcher().main(args);
    }

    /** Runs the launcher in-process; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            Map<String, String> systemProperties) {
        return launcher().run(args, in, out, err, env, systemProperties);
    }
}
