package io.burrow.mcp.core.protocol;

/**
 * How to deliver a final answer on a request/response transport.
 *
 * @param httpStatus the HTTP status to use if the answer is sent as a plain JSON body (200 for results
 *     and most errors; 400 or 404 where the protocol asks for them)
 * @param sessionId a 2025-11-25 session created by this message ({@code initialize}), to announce in
 *     the {@code Mcp-Session-Id} header; {@code null} otherwise
 */
public record Reply(int httpStatus, String sessionId) {

    /** An ordinary answer. */
    public static final Reply OK = new Reply(200, null);

    /** An answer with this HTTP status. */
    public static Reply status(int httpStatus) {
        return httpStatus == 200 ? OK : new Reply(httpStatus, null);
    }
}
