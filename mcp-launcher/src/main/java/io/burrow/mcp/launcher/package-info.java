/**
 * The command line both launcher jars share: {@code Launcher}, {@code Command}, and the {@code CommandGroup} SPI
 * through which modules add commands (found by the service loader).
 */
package io.burrow.mcp.launcher;
