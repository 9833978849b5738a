/**
 * {@code FakeGeminiServer}: a TLS Gemini server on 127.0.0.1 for tests, with queued or dispatched responses,
 * recorded requests and certificates made on the fly.
 */
package io.burrow.mcp.testkit.gemini;
