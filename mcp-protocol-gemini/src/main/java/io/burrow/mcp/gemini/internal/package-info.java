/**
 * The Gemini fetch pipeline: TLS transport with trust on first use, response parsing, text decoding, store files.
 * Not API.
 */
package io.burrow.mcp.gemini.internal;
