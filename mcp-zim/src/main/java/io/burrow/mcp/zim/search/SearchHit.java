package io.burrow.mcp.zim.search;

/**
 * One search or suggestion result.
 *
 * @param path entry path without namespace (as libzim's {@code getPath()})
 * @param title entry title
 * @param score relevance weight (BM25, Xapian's arithmetic)
 * @param percent Xapian's percentage score (what libzim's {@code getScore()} returns)
 * @param snippet text around the query terms with {@code <b>…</b>} marks, or null
 */
public record SearchHit(String path, String title, double score, int percent, String snippet) {
}
