package io.burrow.mcp.gemini;

import io.burrow.mcp.core.ErrorCode;

/**
 * Error codes of the Gemini backend, besides the shared ones in {@link io.burrow.mcp.core.ErrorCodes}
 * ({@code INVALID_REQUEST}, {@code BLOCKED}, {@code FETCH_ERROR}, {@code TIMEOUT}, {@code TOO_LARGE},
 * {@code RATE_LIMITED}). Every code is stable and documented in {@code docs/tools.md}.
 */
public final class GeminiErrors {

    /** Status 4x: the server failed temporarily ({@code error.status}, {@code error.temporary}); 44 asks to slow down. */
    public static final ErrorCode TEMPORARY_ERROR = ErrorCode.unavailable("TEMPORARY_ERROR");
    /** Status 5x: the server refused the request for good ({@code error.status}). */
    public static final ErrorCode PERMANENT_ERROR = ErrorCode.unavailable("PERMANENT_ERROR");
    /** The server presents a certificate other than the pinned one; {@code error.fingerprint} is the new one. */
    public static final ErrorCode CERTIFICATE_CHANGED = ErrorCode.refused("CERTIFICATE_CHANGED");
    /** The server certificate is expired (with {@code GEMINI_TOFU_REJECT_EXPIRED}). */
    public static final ErrorCode CERTIFICATE_EXPIRED = ErrorCode.refused("CERTIFICATE_EXPIRED");
    /**
     * The server certificate is not valid yet, by more than {@link TofuStore#CLOCK_SKEW} of accepted
     * clock skew ({@code error.not_before}).
     */
    public static final ErrorCode CERTIFICATE_NOT_YET_VALID = ErrorCode.refused("CERTIFICATE_NOT_YET_VALID");
    /**
     * Status 44: the server asks to slow down; {@code error.retry_after_seconds} says for how long. Later
     * fetches of the host before then get the same error without connecting.
     */
    public static final ErrorCode SLOW_DOWN = ErrorCode.unavailable("SLOW_DOWN");
    /** The TLS handshake failed. */
    public static final ErrorCode TLS_ERROR = ErrorCode.unavailable("TLS_ERROR");
    /** The server sent something that is not a Gemini response (bad header, bad redirect target). */
    public static final ErrorCode PROTOCOL_ERROR = ErrorCode.unavailable("PROTOCOL_ERROR");
    /** The MIME type of the response is in {@code GEMINI_DENIED_MIME_TYPES} ({@code error.mime_type}). */
    public static final ErrorCode CONTENT_FILTERED = ErrorCode.refused("CONTENT_FILTERED");
    /** A redirect chain came back to a URL it had already visited ({@code error.redirects}). */
    public static final ErrorCode REDIRECT_LOOP = ErrorCode.unavailable("REDIRECT_LOOP");
    /** A redirect chain was longer than {@code GEMINI_MAX_REDIRECTS} ({@code error.redirects}). */
    public static final ErrorCode TOO_MANY_REDIRECTS = ErrorCode.unavailable("TOO_MANY_REDIRECTS");

    /** {@code gemini_trust_update} was called while TOFU is disabled ({@code GEMINI_TOFU_ENABLED=false}). */
    public static final ErrorCode TOFU_DISABLED = ErrorCode.refused("TOFU_DISABLED");
    /** {@code gemini_client_cert_update} was called while client certificates are disabled. */
    public static final ErrorCode CLIENT_CERTS_DISABLED = ErrorCode.refused("CLIENT_CERTS_DISABLED");
    /** A removal quoted a fingerprint other than the current one (the interlock of the update tools). */
    public static final ErrorCode FINGERPRINT_MISMATCH = ErrorCode.invalid("FINGERPRINT_MISMATCH");
    /** {@code create} found an identity covering the URL already ({@code error.url}, {@code error.fingerprint}); nothing is overwritten. */
    public static final ErrorCode CERTIFICATE_EXISTS = ErrorCode.refused("CERTIFICATE_EXISTS");
    /**
     * The trust store (TOFU pins) or the client identity store cannot be read or written: a file that is damaged or
     * not writable, or the shared database unreachable ({@code error.reason}: {@code tofu_store_corrupt},
     * {@code tofu_store_unusable}, {@code identity_registry_corrupt}, {@code identity_store_unusable},
     * {@code store_unavailable}). Nothing is fetched or changed without it; gopher-mcp's code.
     */
    public static final ErrorCode CERTIFICATE_STORE_UNAVAILABLE = ErrorCode.unavailable("CERTIFICATE_STORE_UNAVAILABLE");
    /** The user declined or dismissed the confirmation, or the client cannot ask ({@code error.action}); nothing changed. */
    public static final ErrorCode USER_DECLINED = ErrorCode.refused("USER_DECLINED");

    private GeminiErrors() {
    }
}
