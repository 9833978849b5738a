/**
 * The module SPI: {@link io.burrow.mcp.core.spi.BurrowModule} and what a module contributes (tools, resources,
 * prompts, completions, protocol clients), all in Burrow types, never the MCP SDK's.
 */
package io.burrow.mcp.core.spi;
