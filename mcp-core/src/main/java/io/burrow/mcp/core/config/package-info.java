/**
 * Settings: records bound from environment variables, system properties and flags, validated all at once before
 * any module starts.
 */
package io.burrow.mcp.core.config;
