package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The structured results of the ZIM tools and resources, serialised by the core's wire mapping
 * ({@code Json.toTree}: snake_case keys, null components left out, keys in component order after {@code kind}). {@link ZimSchemas} pins their shape;
 * {@link ZimRendering} writes their text.
 */
public final class ZimResults {

    private ZimResults() {
    }

    /** A tool result: its {@code kind} says which. */
    public sealed interface Result permits EntryResult, Batch, SectionText, Browse, Links, Metadata, RandomArticle,
            ArchiveHealth, LibraryHealth, Search, Query {
        /** What the result is ({@code article}, {@code search}…). */
        String kind();
    }

    // ------------------------------------------------------------------ zim_get

    /** One entry read by {@code zim_get}: kind {@code article}, {@code text} or {@code binary}. */
    public sealed interface EntryResult extends Result permits BinaryEntry, EntryText, EntryToc, EntryStructure {
        /** The archive's name. */
        String zimFilePath();

        /** The entry's path (after redirects). */
        String path();

        /** The path asked for when it was a redirect, else null. */
        String redirectedFrom();

        /** The entry's MIME type. */
        String mimeType();
    }

    /** A binary entry: its size, and its bytes (base64) when asked for and small enough. */
    public record BinaryEntry(String kind, String zimFilePath, String path, String redirectedFrom, String mimeType,
            long size, Boolean truncated, String note, String dataBase64) implements EntryResult {
    }

    /** Text of an entry: a window of it ({@code offset}…), or an article's summary ({@code section_count}). */
    public record EntryText(String kind, String zimFilePath, String path, String redirectedFrom, String mimeType,
            String view, String title, String content, Integer offset, int totalChars, Boolean truncated,
            Integer nextOffset, Integer sectionCount) implements EntryResult {
    }

    /** The sections of an entry (view {@code toc}; view {@code structure} of a text entry). */
    public record EntryToc(String kind, String zimFilePath, String path, String redirectedFrom, String mimeType,
            String view, String title, List<TocRow> sections, int totalChars) implements EntryResult {
    }

    /** The sections of an article with word counts (view {@code structure}). */
    public record EntryStructure(String kind, String zimFilePath, String path, String redirectedFrom, String mimeType,
            String view, String title, int leadWords, int wordCount, int totalChars, List<TocRow> sections)
            implements EntryResult {
    }

    /** A section in a table of contents; the counts only in view {@code structure}. */
    public record TocRow(String id, String title, int level, String parentId, Integer wordCount, Integer charCount) {
    }

    /**
     * {@code zim_get} of several paths: each an {@link EntryResult} or an error object
     * ({@code {kind:"error", error:{…}, path}}), in input order.
     */
    @JsonPropertyOrder("kind")
    public record Batch(String zimFilePath, List<Object> results) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "batch";
        }
    }

    // ------------------------------------------------------------------ zim_get_section

    /** One section of an article. */
    @JsonPropertyOrder("kind")
    public record SectionText(String zimFilePath, String path, String redirectedFrom, String title, String sectionId,
            String sectionTitle, int level, String parentId, List<String> subsections, String content, int offset,
            int totalChars, int wordCount, boolean truncated, Integer nextOffset) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "section";
        }
    }

    // ------------------------------------------------------------------ zim_browse

    /** A page of an archive's entries in path order. */
    @JsonPropertyOrder("kind")
    public record Browse(String zimFilePath, String namespace, String prefix, int namespaceTotal, int returned,
            List<BrowseRow> results, String nextCursor, boolean done) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "browse";
        }
    }

    /** An entry listed by {@code zim_browse}: its title only when it is not its path; a redirect's target. */
    public record BrowseRow(String path, String title, String mimeType, String redirectTo) {
    }

    // ------------------------------------------------------------------ zim_links

    /** Links of an article: {@link OutboundLink}s or {@link RelatedArticle}s. */
    @JsonPropertyOrder("kind")
    public record Links(String zimFilePath, String path, String redirectedFrom, String direction, String linkKind,
            Map<String, Integer> totals, int total, int offset, int returned, List<?> results, Integer nextOffset)
            implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "links";
        }
    }

    /** A link as written: its kind, text, resolved entry path, and the href of external or unresolved links. */
    public record OutboundLink(String kind, String text, String path, String href) {
    }

    /** An article linked to, with how often. */
    public record RelatedArticle(String path, String title, int mentions) {
    }

    // ------------------------------------------------------------------ zim_metadata, zim_random, zim_health

    /** An archive's metadata and facts. */
    @JsonPropertyOrder("kind")
    public record Metadata(String zimFilePath, String uuid, Map<String, String> metadata, Map<String, Long> counter,
            int entryCount, int allEntryCount, int articleCount, int mediaCount, Map<String, Integer> namespaces,
            boolean hasFulltextIndex, boolean hasTitleIndex, List<Integer> illustrationSizes, boolean hasChecksum,
            String checksum, boolean newNamespaceScheme, @JsonProperty("is_multipart") boolean isMultipart,
            long sizeBytes, String mainPage) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "metadata";
        }
    }

    /** A random article with the start of its summary. */
    @JsonPropertyOrder("kind")
    public record RandomArticle(String zimFilePath, String path, String title, String summary, String mimeType)
            implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "random";
        }
    }

    /** {@code zim_health} of one archive; the verification fields only with {@code verify}. */
    @JsonPropertyOrder("kind")
    public record ArchiveHealth(String zimFilePath, boolean readable, int entryCount, boolean hasFulltextIndex,
            boolean hasTitleIndex, boolean hasChecksum, String checksum, Boolean checksumValid, Boolean integrityOk,
            List<Failure> failures) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "health";
        }
    }

    /** A failed integrity check. */
    public record Failure(String check, String message) {
    }

    /** {@code zim_health} of the library: the archives, the files that cannot be read, the caches. */
    @JsonPropertyOrder("kind")
    public record LibraryHealth(List<ArchiveRow> archives, List<Unreadable> unreadable, boolean demo,
            boolean directoriesConfigured, ClusterCacheStats clusterCache, ArticleCacheStats articleCache,
            Integer directoriesReadable) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "health";
        }
    }

    /** An archive served. */
    public record ArchiveRow(String name, int entryCount, int articleCount, long sizeBytes, boolean hasFulltextIndex,
            boolean hasTitleIndex) {
    }

    /** An archive file that cannot be read, and why. */
    public record Unreadable(String name, String code) {
    }

    /** The shared cluster cache. */
    public record ClusterCacheStats(long maxBytes, long bytes, long clusters, long hits, long misses) {
    }

    /** The rendered-article cache. */
    public record ArticleCacheStats(long articles, long hits, long misses) {
    }

    // ------------------------------------------------------------------ zim_search

    /** A page of search results, in one archive ({@code zim_file_path}) or all ({@code cross_file}). */
    @JsonPropertyOrder("kind")
    public record Search(String mode, String query, String zimFilePath, Boolean crossFile, long total,
            boolean totalIsEstimate, int offset, int returned, List<SearchRow> results, List<CrossArchive> archives,
            Boolean budgetExceeded, String nextCursor, boolean done) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "search";
        }
    }

    /**
     * A search result: full text (score, snippet), title search ({@code match}, {@code redirect_from}) or
     * suggestion; its archive in a cross-archive search.
     */
    public record SearchRow(String zimFilePath, String path, String title, Integer score, String snippet, String match,
            String redirectFrom) {

        /** The same row naming its archive. */
        SearchRow in(String archive) {
            return new SearchRow(archive, path, title, score, snippet, match, redirectFrom);
        }
    }

    /** One archive of a cross-archive search: its total and rows returned, or its error. */
    public record CrossArchive(String zimFilePath, Long total, Integer returned, ErrorInfo error) {
    }

    /** An error of one part of a call. */
    public record ErrorInfo(String code, String message) {
    }

    // ------------------------------------------------------------------ zim_query

    /** What {@code zim_query} understood and the result of the operation it ran. */
    @JsonPropertyOrder("kind")
    public record Query(String intent, String subject, Result result) implements Result {
        @Override
        @JsonProperty
        public String kind() {
            return "query";
        }
    }

    // ------------------------------------------------------------------ resources

    /** {@code zim://files}: the archives served. */
    public record Files(List<FileRow> archives) {
    }

    /** An archive in {@code zim://files}. */
    public record FileRow(String name, String uri, String title, String language, long sizeBytes, int entryCount,
            int articleCount, boolean hasFulltextIndex) {
    }

    /** {@code zim://{archive}}: an overview with a preview of the main page. */
    public record Overview(String name, Map<String, String> metadata, int entryCount, int articleCount, int mediaCount,
            boolean hasFulltextIndex, boolean hasTitleIndex, MainPreview mainPage) {
    }

    /** The main page of an overview. */
    public record MainPreview(String path, String uri, String title, String preview) {
    }
}
