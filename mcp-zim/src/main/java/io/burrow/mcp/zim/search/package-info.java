/**
 * Search in ZIM archives with the Xapian indexes libzim embedded in them, read in place in pure Java:
 * {@link io.burrow.mcp.zim.search.ZimSearcher} (full-text search and suggestions, libzim 8.1.1's results or an
 * improved mode), its {@link io.burrow.mcp.zim.search.SearchRequest} and
 * {@link io.burrow.mcp.zim.search.SearchResults}, and {@link io.burrow.mcp.zim.search.SearchSource} (what search
 * needs of an archive, for fakes). See {@code docs/search.md}.
 */
package io.burrow.mcp.zim.search;
