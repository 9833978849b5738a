/**
 * Testing Burrow modules and servers: {@code McpTester}, a connected client with typed results in both protocol
 * generations (in process, over HTTP, or a process), {@code FakeToolCall}, {@code FakeNameResolver} and JSON
 * assertions.
 */
package io.burrow.mcp.testkit;
