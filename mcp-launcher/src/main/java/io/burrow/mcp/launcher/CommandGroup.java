package io.burrow.mcp.launcher;

/**
 * A group of commands a module adds to the command line (such as {@code zim info|ls|cat|…}), found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.burrow.mcp.launcher.CommandGroup}. A module that contributes one depends on
 * this artifact as optional: the group is only looked up by a launcher.
 */
public interface CommandGroup {

    /** The group's name on the command line, such as {@code zim}. */
    String name();

    /**
     * A new picocli {@code @Command} object for the group, with its subcommands; the leaves implement
     * {@link Command}.
     */
    Object command();
}
