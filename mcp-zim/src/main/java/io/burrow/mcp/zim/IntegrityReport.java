package io.burrow.mcp.zim;

import java.util.List;

/**
 * The result of {@link ZimArchive#checkIntegrity(boolean)}: one {@link Check} per libzim integrity
 * check ({@code CHECKSUM}, {@code DIRENT_PTRS}, {@code DIRENT_ORDER}, {@code DIRENT_MIMETYPES},
 * {@code TITLE_INDEX}, {@code CLUSTER_PTRS}, {@code CLUSTERS}) plus {@code DIRENT_TARGETS}
 * (cluster, blob and redirect targets of every entry, redirect chains within 50 hops).
 *
 * @param checks the checks, in the order they ran
 */
public record IntegrityReport(List<Check> checks) {

    /** Copies the list. */
    public IntegrityReport {
        checks = List.copyOf(checks);
    }

    /**
     * One check.
     *
     * @param name the check's name
     * @param passed whether it passed
     * @param message what failed (first failure), or {@code "ok"}
     */
    public record Check(String name, boolean passed, String message) {
    }

    /** Whether every check passed. */
    public boolean passed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** The checks that failed. */
    public List<Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
