/**
 * The Gemini fetch pipeline: TLS transport with trust on first use, response parsing, text decoding, and the file
 * store (pins, identities; {@code FileStoreProvider}).
 * Not API.
 */
package io.burrow.mcp.gemini.internal;
