/**
 * The MCP engine behind both protocol generations (2025-11-25 sessions and sessionless 2026-07-28) and the
 * transport API the launchers implement: messages, exchanges, sessions, dispatch.
 */
package io.burrow.mcp.core.protocol;
