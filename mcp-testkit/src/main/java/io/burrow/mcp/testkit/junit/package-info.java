/**
 * JUnit 5 support: {@code McpServerExtension} starts a server per class or per test and injects clients.
 */
package io.burrow.mcp.testkit.junit;
