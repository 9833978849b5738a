package io.burrow.mcp.core.protocol;

import java.util.Objects;

/**
 * Who sent a message, as far as the transport knows.
 *
 * @param id a stable identifier for per-client limits and for binding sealed request state: a hash of
 *     the credentials (HTTP), or {@code stdio} / {@code local}; never the credential itself
 * @param remote whether the client is remote (HTTP) rather than the user's own process
 */
public record Client(String id, boolean remote) {

    /** The client of a stdio transport. */
    public static final Client STDIO = new Client("stdio", false);
    /** A caller in the same process. */
    public static final Client LOCAL = new Client("local", false);

    public Client {
        Objects.requireNonNull(id, "id");
    }
}
