package io.burrow.mcp.server.stdio.zim;

import java.io.InputStream;
import java.io.PrintStream;

/** A command that writes to the launcher's real stdout (raw bytes for {@code zim cat}). */
public interface ZimStreams {

    /** Hands the launcher's streams to the command before it runs. */
    void streams(InputStream in, PrintStream out, PrintStream err);
}
