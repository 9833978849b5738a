/**
 * The Xapian engine behind {@link io.burrow.mcp.zim.search.ZimSearcher}, not API: the glass database reader
 * ({@code GlassDatabase}, {@code GlassTable}, {@code PostingList}, {@code PositionDecoder}), the query parser
 * ({@code QueryLexer}, {@code QueryParser}, {@code XQuery}), the matcher split as Xapian's {@code matcher/}
 * directory ({@code PostList} and its kinds, {@code QueryOptimiser}, {@code Matcher}, {@code Bm25}), stemmers and
 * Unicode rules, and snippets ({@code Snippets}).
 */
package io.burrow.mcp.zim.search.internal;
