package io.burrow.mcp.launcher;

/**
 * A leaf command of the command line: a picocli {@code @Command} object (its options and parameters
 * are filled in by picocli) that the launcher runs with an {@link Invocation}.
 */
@FunctionalInterface
public interface Command {

    /**
     * Runs the command.
     *
     * @return the exit status: 0 success, 1 failure, 2 usage error
     */
    int run(Invocation invocation) throws Exception;
}
