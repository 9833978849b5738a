/**
 * The core's implementation: module discovery and assembly, settings binding, schema validation, the stdio
 * transport. Not API: other modules must not use it (enforced by build-checks).
 */
package io.burrow.mcp.core.internal;
