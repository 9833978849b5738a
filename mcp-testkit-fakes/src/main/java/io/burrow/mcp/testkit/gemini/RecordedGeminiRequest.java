package io.burrow.mcp.testkit.gemini;

import java.time.Instant;

/**
 * A request {@link FakeGeminiServer} received.
 *
 * @param requestLine the request line without CRLF (normally an absolute URL)
 * @param clientCertificateFingerprint SHA-256 (lower-case hex) of the client certificate presented, or
 *     {@code null} when none was
 * @param serverName the SNI host name the client sent, or {@code null}
 * @param tlsProtocol the negotiated protocol, e.g. {@code TLSv1.3}
 * @param sequenceNumber 0 for the first request of this server, then 1, 2…
 * @param receivedAt when the request line was read
 */
public record RecordedGeminiRequest(String requestLine, String clientCertificateFingerprint, String serverName,
        String tlsProtocol, int sequenceNumber, Instant receivedAt) {

    /** The path of the requested URL ({@code /} when it has none), without query. */
    public String path() {
        String rest = requestLine;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
            int slash = rest.indexOf('/');
            rest = slash < 0 ? "/" : rest.substring(slash);
        }
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /** The raw query of the requested URL, or {@code null}. */
    public String query() {
        int q = requestLine.indexOf('?');
        return q < 0 ? null : requestLine.substring(q + 1);
    }
}
