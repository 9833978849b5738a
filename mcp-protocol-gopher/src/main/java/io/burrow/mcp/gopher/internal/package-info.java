/**
 * The Gopher fetch pipeline: transport, menu and text parsing. Not API.
 */
package io.burrow.mcp.gopher.internal;
