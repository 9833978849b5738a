package io.burrow.mcp.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stable error code ({@code NOT_FOUND}, {@code ARCHIVE_CHANGED}…) and the kind of failure it names.
 * The kind alone decides how the server edge answers outside a tool result: the JSON-RPC code of a
 * failed {@code resources/read}, {@code prompts/get} or {@code completion/complete} (tool calls always
 * answer with an error result carrying the name). Codes are values: backends declare their own as
 * constants beside the core's {@link ErrorCodes}.
 *
 * @param name the code clients see and match on, upper case
 * @param kind what kind of failure it is
 */
public record ErrorCode(String name, Kind kind) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /** Kinds of failure, with their JSON-RPC mapping outside tool results. */
    public enum Kind {
        /** The request is malformed, out of range or inconsistent: {@code -32602} (invalid params). */
        INVALID,
        /**
         * The named thing does not exist: {@code -32602} (2026-07-28), or {@code -32002} for a resource
         * read under 2025-11-25.
         */
        NOT_FOUND,
        /** A policy or the user refused it (host policy, robots.txt, a declined confirmation): {@code -32602}. */
        REFUSED,
        /** Something outside failed or is busy (an upstream server, a deadline, a limit): {@code -32603}. */
        UNAVAILABLE,
        /** A failure inside Burrow; details only in the server log: {@code -32603}. */
        INTERNAL
    }

    public ErrorCode {
        Objects.requireNonNull(kind, "kind");
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("error code must be upper-case, was " + name);
        }
    }

    /** A code for malformed or inconsistent requests. */
    public static ErrorCode invalid(String name) {
        return new ErrorCode(name, Kind.INVALID);
    }

    /** A code for things that do not exist. */
    public static ErrorCode notFound(String name) {
        return new ErrorCode(name, Kind.NOT_FOUND);
    }

    /** A code for refusals by a policy or the user. */
    public static ErrorCode refused(String name) {
        return new ErrorCode(name, Kind.REFUSED);
    }

    /** A code for failures outside Burrow (upstreams, deadlines, limits). */
    public static ErrorCode unavailable(String name) {
        return new ErrorCode(name, Kind.UNAVAILABLE);
    }

    /** A code for failures inside Burrow. */
    public static ErrorCode internal(String name) {
        return new ErrorCode(name, Kind.INTERNAL);
    }

    @Override
    public String toString() {
        return name;
    }
}
