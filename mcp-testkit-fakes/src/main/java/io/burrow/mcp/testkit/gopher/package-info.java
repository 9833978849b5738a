/**
 * {@code FakeGopherServer}: a Gopher server on 127.0.0.1 for tests, with queued or dispatched responses (menus,
 * text, binaries, stalls, trickles) and recorded requests.
 */
package io.burrow.mcp.testkit.gopher;
