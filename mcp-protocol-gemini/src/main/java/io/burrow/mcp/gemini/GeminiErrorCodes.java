package io.burrow.mcp.gemini;

/**
 * Error codes of the Gemini backend, besides the shared ones in {@link io.burrow.mcp.core.ErrorCodes}
 * ({@code INVALID_REQUEST}, {@code BLOCKED}, {@code FETCH_ERROR}, {@code TIMEOUT}, {@code TOO_LARGE},
 * {@code RATE_LIMITED}). Every code is stable and documented in {@code docs/tools.md}.
 */
public final class GeminiErrorCodes {

    /** Status 4x: the server failed temporarily ({@code error.status}, {@code error.temporary}); 44 asks to slow down. */
    public static final String TEMPORARY_ERROR = "TEMPORARY_ERROR";
    /** Status 5x: the server refused the request for good ({@code error.status}). */
    public static final String PERMANENT_ERROR = "PERMANENT_ERROR";
    /** The server presents a certificate other than the pinned one; {@code error.fingerprint} is the new one. */
    public static final String CERTIFICATE_CHANGED = "CERTIFICATE_CHANGED";
    /** The server certificate is expired (with {@code GEMINI_TOFU_REJECT_EXPIRED}) or not valid yet. */
    public static final String CERTIFICATE_EXPIRED = "CERTIFICATE_EXPIRED";
    /** The TLS handshake failed. */
    public static final String TLS_ERROR = "TLS_ERROR";
    /** The server sent something that is not a Gemini response (bad header, bad redirect target). */
    public static final String PROTOCOL_ERROR = "PROTOCOL_ERROR";
    /** The MIME type of the response is in {@code GEMINI_DENIED_MIME_TYPES} ({@code error.mime_type}). */
    public static final String CONTENT_FILTERED = "CONTENT_FILTERED";
    /** A redirect chain came back to a URL it had already visited ({@code error.redirects}). */
    public static final String REDIRECT_LOOP = "REDIRECT_LOOP";
    /** A redirect chain was longer than {@code GEMINI_MAX_REDIRECTS} ({@code error.redirects}). */
    public static final String TOO_MANY_REDIRECTS = "TOO_MANY_REDIRECTS";

    private GeminiErrorCodes() {
    }
}
