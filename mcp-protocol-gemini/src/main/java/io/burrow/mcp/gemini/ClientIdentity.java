package io.burrow.mcp.gemini;

/**
 * A stored client certificate ("identity") that fetches present to the servers in its scope.
 *
 * @param name unique name; also the base name of its {@code .crt} and {@code .key} files
 * @param scope the URL prefix it applies to: {@code gemini://host[:port]/path}, matched on path-segment
 *     boundaries ({@code /app} covers {@code /app} and {@code /app/x}, not {@code /apple})
 * @param fingerprint SHA-256 of the certificate (DER), lower-case hex: what a capsule owner authorises
 * @param created creation time (ISO-8601)
 * @param expires end of validity (ISO-8601)
 */
public record ClientIdentity(String name, String scope, String fingerprint, String created, String expires) {
}
