/**
 * Network safety for every backend: host policy with SSRF checks on resolved addresses, name resolution,
 * deadlines, read limits and the one percent codec.
 */
package io.burrow.mcp.core.net;
