package io.burrow.mcp.core.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * A short hash of {@link #id()} (12 hex digits of its SHA-256), for log lines: it tells clients apart
     * without showing an address or even a token digest.
     */
    public String hash() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
