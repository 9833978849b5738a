/**
 * A pure-Java ZIM reader (no native code) that answers as libzim does.
 *
 * <pre>{@code
 * try (ZimArchive zim = ZimArchive.open(Path.of("wikipedia_en.zim"))) {
 *     String title = zim.metadata("Title").orElse("?");    // log with SLF4J: in a stdio server stdout is JSON-RPC
 *     int articles = zim.articleCount();
 *     Entry page = zim.entry("wiki/Zurich.html");          // NOT_FOUND if absent
 *     Item item = page.item();                              // redirects followed (50 hops at most)
 *     String mime = item.mimeType();
 *     long size = item.size();
 *     String html = item.text();
 *     List<String> titles = zim.findByTitlePrefix("Zür").limit(10).map(Entry::title).toList();
 *     zim.fulltextIndexEntry()
 *             .flatMap(e -> e.item().directAccess())      // uncompressed blob: file and offset
 *             .ifPresent(d -> log.info("index in {} at {}", d.part(), d.partOffset()));
 * }
 * }</pre>
 *
 * <p>{@link io.burrow.mcp.zim.ZimArchive} is the entry point; {@link io.burrow.mcp.zim.Entry} and
 * {@link io.burrow.mcp.zim.Item} are directory entries and their content; {@link io.burrow.mcp.zim.ArchiveSummary}
 * is what an archive is in one value; {@link io.burrow.mcp.zim.ZimOptions} and
 * {@link io.burrow.mcp.zim.ClusterCache} tune memory; every failure is a {@link io.burrow.mcp.zim.ZimException}
 * with a code of {@link io.burrow.mcp.zim.ZimErrors} (which holds every ZIM error code, the search's and the
 * tools' too). Classes in {@code io.burrow.mcp.zim.internal} are not API, nor are the package-private parts of
 * {@code ZimArchive} (the header reader, the path and title indexes, the cluster reader). The package
 * {@code io.burrow.mcp.zim.search} (the embedded Xapian indexes) builds on this one, and
 * {@code io.burrow.mcp.zim.tools} (the MCP tools) on both.
 */
package io.burrow.mcp.zim;
