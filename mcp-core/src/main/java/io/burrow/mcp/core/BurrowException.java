package io.burrow.mcp.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Root of Burrow's unchecked exception hierarchy.
 *
 * <p>Every failure a client may see is a {@code BurrowException} carrying a stable upper-case
 * {@linkplain #code() code}, a human {@linkplain #getMessage() message} safe to show to a client
 * (no host paths, resolved addresses or internal exception text) and an optional
 * {@linkplain #hint() hint} telling the caller what to do instead. The server edge translates it
 * into a tool result {@code {"kind":"error","error":{"code":…,"message":…,"hint":…}}} with
 * {@code isError: true}, or into a sanitised JSON-RPC error for protocol operations.
 *
 * <p>Backends add their own codes (for example {@code CERTIFICATE_CHANGED}) either with this class
 * directly or with a subclass; extra machine-readable fields go into {@link #details()}, which the
 * server edge merges into the {@code error} object, and {@link #context()}, which it merges into
 * the top level of the result (for example a {@code request_info} object).
 */
public class BurrowException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final ErrorCode errorCode;
    private final String hint;
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    public BurrowException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public BurrowException(ErrorCode code, String message, String hint) {
        this(code, message, hint, null);
    }

    /**
     * @param code the stable code, such as {@link ErrorCodes#NOT_FOUND}
     * @param message client-safe message
     * @param hint what to do instead, or {@code null}
     * @param cause the underlying failure, kept for logs only; it never reaches a client
     */
    public BurrowException(ErrorCode code, String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.errorCode = Objects.requireNonNull(code, "code");
        this.hint = hint;
    }

    /** The stable, upper-case error code, as clients see it. */
    public String code() {
        return errorCode.name();
    }

    /** The error code with its kind, which decides how the server edge answers. */
    public ErrorCode errorCode() {
        return errorCode;
    }

    /** A short suggestion for the caller, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** Extra fields of the {@code error} object (for example a Gemini {@code status}). */
    public Map<String, Object> details() {
        return Collections.unmodifiableMap(details);
    }

    /** Extra top-level fields of an error result (for example {@code request_info}). */
    public Map<String, Object> context() {
        return Collections.unmodifiableMap(context);
    }

    /** Adds a field to the {@code error} object; returns this exception for chaining. */
    public BurrowException withDetail(String key, Object value) {
        details.put(Objects.requireNonNull(key), value);
        return this;
    }

    /** Adds a top-level field to the error result; returns this exception for chaining. */
    public BurrowException withContext(String key, Object value) {
        context.put(Objects.requireNonNull(key), value);
        return this;
    }

    /** The {@code error} object of a result: {@code code}, {@code message}, {@code hint}, then the details. */
    public Map<String, Object> toErrorObject() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", errorCode.name());
        error.put("message", getMessage());
        if (hint != null) {
            error.put("hint", hint);
        }
        error.putAll(details);
        return error;
    }

    /** The whole error result body: {@code {"kind":"error","error":{…}, …context}}. */
    public Map<String, Object> toResultBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "error");
        body.put("error", toErrorObject());
        body.putAll(context);
        return body;
    }
}
