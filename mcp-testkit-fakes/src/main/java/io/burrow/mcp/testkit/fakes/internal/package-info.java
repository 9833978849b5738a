/**
 * Support shared by the fake servers. Not API.
 */
package io.burrow.mcp.testkit.fakes.internal;
