/**
 * A pure-Java ZIM reader (no native code) that answers as libzim does.
 *
 * <pre>{@code
 * try (ZimArchive zim = ZimArchive.open(Path.of("wikipedia_en.zim"))) {
 *     System.out.println(zim.metadata("Title").orElse("?") + ": " + zim.articleCount() + " articles");
 *     Entry page = zim.entry("wiki/Zurich.html");          // NOT_FOUND if absent
 *     Item item = page.item();                              // redirects followed (50 hops at most)
 *     System.out.println(item.mimeType() + ", " + item.size() + " bytes");
 *     String html = item.text();
 *     zim.findByTitlePrefix("Zür").limit(10).forEach(e -> System.out.println(e.title()));
 *     zim.fulltextIndexEntry()
 *             .flatMap(e -> e.item().directAccess())      // uncompressed blob: file and offset
 *             .ifPresent(d -> System.out.println(d.part() + " @ " + d.partOffset()));
 * }
 * }</pre>
 *
 * <p>{@link io.burrow.mcp.zim.ZimArchive} is the entry point; {@link io.burrow.mcp.zim.Entry} and
 * {@link io.burrow.mcp.zim.Item} are directory entries and their content; {@link io.burrow.mcp.zim.ZimOptions}
 * and {@link io.burrow.mcp.zim.ClusterCache} tune memory; every failure is a
 * {@link io.burrow.mcp.zim.ZimException}. Classes in {@code io.burrow.mcp.zim.internal} are not API.
 * The package {@code io.burrow.mcp.zim.search} (the embedded Xapian indexes) builds on this one.
 */
package io.burrow.mcp.zim;
