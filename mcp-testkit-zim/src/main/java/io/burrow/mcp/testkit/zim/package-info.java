/**
 * {@code ZimArchiveBuilder}: small ZIM archives written in pure Java for tests.
 */
package io.burrow.mcp.testkit.zim;
