package io.burrow.mcp.zim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an archive is, in one value: the facts every overview of an archive shows (the MCP tools {@code zim_metadata}
 * and {@code zim_health}, the {@code zim://} resources, the {@code zim info} command), read once by {@link #of}.
 * Serialised with snake_case keys it is a self-describing JSON object.
 *
 * @param uuid the archive's UUID
 * @param entryCount user entries (libzim's {@code entry_count})
 * @param allEntryCount all directory entries (libzim's {@code all_entry_count})
 * @param articleCount articles as libzim counts them
 * @param mediaCount images, audio and video as libzim counts them
 * @param hasFulltextIndex whether a full-text index can be read ({@link ZimArchive#hasFulltextIndex()}, or a
 *     searcher's verdict, see {@link #withIndexes})
 * @param hasTitleIndex whether a title index can be read (likewise)
 * @param newNamespaceScheme whether the archive uses the new namespace scheme
 * @param multipart whether the archive is split in several files
 * @param sizeBytes its size in bytes (all parts)
 * @param hasChecksum whether it carries an MD5 checksum
 * @param checksum the stored checksum (32 hex digits), or null
 * @param metadata the text metadata by name ({@code Title}, {@code Language}…), without the illustrations and
 *     {@code Counter}, in name order
 * @param metadataKeys every metadata name ({@code M} namespace), in path order
 * @param counter {@code M/Counter} parsed (MIME type → count), empty without one
 * @param namespaces entries per namespace, in namespace order
 * @param illustrationSizes the illustration sizes (pixels), ascending
 * @param main the main page, or null when there is none or it cannot be followed
 */
public record ArchiveSummary(String uuid, int entryCount, int allEntryCount, int articleCount, int mediaCount,
        boolean hasFulltextIndex, boolean hasTitleIndex, boolean newNamespaceScheme, boolean multipart,
        long sizeBytes, boolean hasChecksum, String checksum, Map<String, String> metadata,
        List<String> metadataKeys, Map<String, Long> counter, Map<String, Integer> namespaces,
        List<Integer> illustrationSizes, MainPage main) {

    /** Copies the collections. */
    public ArchiveSummary {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        metadataKeys = List.copyOf(metadataKeys);
        counter = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counter));
        namespaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namespaces));
        illustrationSizes = List.copyOf(illustrationSizes);
    }

    /**
     * The main page.
     *
     * @param headerNamed whether the header names a main page (libzim's {@code has_main_entry}; the entry may also
     *     come from {@code W/mainPage})
     * @param path the main entry's {@link Entry#path() path}
     * @param redirect the path of the entry it redirects to (one hop), or null when it is not a redirect
     * @param target where its redirects lead, as clients name entries: the bare path of a {@code C} entry of a
     *     new-scheme archive, else {@code NS/path}
     * @param title the title of that final entry
     */
    public record MainPage(boolean headerNamed, String path, String redirect, String target, String title) {
    }

    /**
     * Reads the summary of an archive: metadata values, counts, namespaces, checksum and main page (a few lookups,
     * the metadata entries read).
     */
    public static ArchiveSummary of(ZimArchive a) {
        Map<String, String> metadata = new TreeMap<>();
        List<String> keys = a.metadataKeys();
        for (String k : keys) {
            if (!k.startsWith("Illustration_") && !k.equals("Counter")) {
                a.metadata(k).ifPresent(v -> metadata.put(k, v));
            }
        }
        Map<String, Integer> namespaces = new LinkedHashMap<>();
        for (char ns : a.namespaces()) {
            namespaces.put(String.valueOf(ns), a.namespaceSize(ns));
        }
        return new ArchiveSummary(a.uuid().toString(), a.entryCount(), a.allEntryCount(), a.articleCount(),
                a.mediaCount(), a.hasFulltextIndex(), a.hasTitleIndex(), a.hasNewNamespaceScheme(), a.isMultiPart(),
                a.size(), a.hasChecksum(), a.checksum().orElse(null), metadata, keys, a.counter(), namespaces,
                new ArrayList<>(a.illustrationSizes()), mainPage(a));
    }

    private static MainPage mainPage(ZimArchive a) {
        try {
            Optional<Entry> found = a.mainEntry();
            if (found.isEmpty()) {
                return null;
            }
            Entry main = found.get();
            Entry target = main;
            for (int hops = 0; target.isRedirect(); hops++) {
                if (hops >= Entry.MAX_REDIRECT_HOPS) {
                    return null;
                }
                target = target.redirectEntry();
            }
            String path = a.hasNewNamespaceScheme() && target.namespace() == 'C' ? target.path() : target.fullPath();
            return new MainPage(a.hasMainEntry(), main.path(), main.isRedirect() ? main.redirectEntry().path() : null,
                    path, target.title());
        } catch (ZimException e) {
            return null; // a damaged main page: the rest of the summary still holds
        }
    }

    /** The same summary with the index flags a searcher found (an index that cannot be read counts as absent). */
    public ArchiveSummary withIndexes(boolean fulltext, boolean title) {
        return new ArchiveSummary(uuid, entryCount, allEntryCount, articleCount, mediaCount, fulltext, title,
                newNamespaceScheme, multipart, sizeBytes, hasChecksum, checksum, metadata, metadataKeys, counter,
                namespaces, illustrationSizes, main);
    }

    /** The {@code Title} metadata, if any. */
    public Optional<String> title() {
        return Optional.ofNullable(metadata.get("Title"));
    }

    /** The {@code Language} metadata, if any. */
    public Optional<String> language() {
        return Optional.ofNullable(metadata.get("Language"));
    }
}
