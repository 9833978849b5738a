/**
 * The project's JSON: two fixed Jackson configurations behind immutable readers, writers and trees.
 */
package io.burrow.mcp.core.json;
