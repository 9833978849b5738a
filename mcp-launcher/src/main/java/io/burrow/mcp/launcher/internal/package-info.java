/**
 * The launcher's built-in commands ({@code stdio}, {@code tools}, {@code call}, {@code config-doc}), settings
 * flags and start-up. Not API.
 */
package io.burrow.mcp.launcher.internal;
