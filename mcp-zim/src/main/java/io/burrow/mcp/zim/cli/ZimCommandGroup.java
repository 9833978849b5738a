package io.burrow.mcp.zim.cli;

import io.burrow.mcp.launcher.CommandGroup;

/**
 * The {@code zim} command group ({@code info}, {@code ls}, {@code cat}, {@code verify}, {@code bench}, {@code search},
 * {@code suggest}) as launchers discover it: listed in {@code META-INF/services/io.burrow.mcp.launcher.CommandGroup}
 * of this artifact, so every launcher jar that holds mcp-zim offers {@code zim …}. Documented in docs/cli.md.
 */
public final class ZimCommandGroup implements CommandGroup {

    /** For {@link java.util.ServiceLoader}. */
    public ZimCommandGroup() {
    }

    @Override
    public String name() {
        return "zim";
    }

    @Override
    public Object command() {
        return new ZimCommand();
    }
}
