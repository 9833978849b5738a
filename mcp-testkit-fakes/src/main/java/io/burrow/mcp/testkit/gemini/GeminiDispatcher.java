package io.burrow.mcp.testkit.gemini;

/**
 * Chooses the response to a request, for tests whose responses depend on the request (several paths,
 * redirect chains). The default dispatcher answers with the {@linkplain FakeGeminiServer#enqueue enqueued}
 * responses in order. Called on the server's connection threads; implementations must be thread-safe.
 */
@FunctionalInterface
public interface GeminiDispatcher {

    /** The response to {@code request}. */
    GeminiResponse dispatch(RecordedGeminiRequest request);
}
