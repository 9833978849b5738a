/**
 * Streamable HTTP on Jetty 12: {@code BurrowHttpServer} for embedders (both protocol generations on one endpoint,
 * limits, authentication, Origin and Host checks) and the HTTP launcher.
 */
package io.burrow.mcp.server.http;
