package io.burrow.mcp.gemini;

/**
 * A trust-on-first-use pin: the certificate a host presented when first seen, or one a person trusted.
 *
 * @param host the host (lower case, ASCII)
 * @param port the port
 * @param fingerprint SHA-256 of the leaf certificate (DER), lower-case hex without colons
 * @param firstSeen when the pin was made (ISO-8601)
 * @param lastSeen when the host last presented it (ISO-8601, updated at most once a minute)
 * @param expires end of validity of the pinned certificate (ISO-8601), or {@code null} if unknown
 */
public record TofuPin(String host, int port, String fingerprint, String firstSeen, String lastSeen, String expires) {

    /** {@code host:port}, the pin's key. */
    public String key() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
