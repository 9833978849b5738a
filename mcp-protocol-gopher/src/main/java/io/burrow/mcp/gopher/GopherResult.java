package io.burrow.mcp.gopher;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * The result of one successful Gopher fetch: a {@link Menu}, a {@link Text} or a {@link Binary}.
 * Serialised with {@code Json.toTree} each carries a {@code kind} discriminator ({@code menu},
 * {@code text}, {@code binary}) and snake_case keys, the shapes gopher-mcp returns. Failures are
 * {@link io.burrow.mcp.core.BurrowException}s, rendered as {@code kind: "error"}.
 */
public sealed interface GopherResult permits GopherResult.Menu, GopherResult.Text, GopherResult.Binary {

    /** The discriminator: {@code menu}, {@code text} or {@code binary}. */
    String kind();

    /** What was asked and when. */
    RequestInfo requestInfo();

    /** The same result with other request information (for example marked as served from the cache). */
    GopherResult withRequestInfo(RequestInfo info);

    /**
     * A directory (types {@code 1} and {@code 7}), or one window of its items.
     *
     * @param items the items in server order, info lines included: the window from the requested offset
     * @param truncated whether items follow this window ({@code GOPHER_MAX_MENU_ITEMS}) or the response was
     *     cut (size cap)
     * @param nextOffset the offset of the next window of items, or {@code null} (serialised as
     *     {@code null}) when this window is the last
     * @param totalItems the items of the whole menu, or {@code null} when the response was cut at the size
     *     cap (the true number is unknown)
     * @param requestInfo the request
     */
    @JsonPropertyOrder({"kind", "items", "truncated", "next_offset", "total_items", "request_info"})
    record Menu(List<MenuItem> items, boolean truncated,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer nextOffset, Integer totalItems,
            RequestInfo requestInfo) implements GopherResult {

        public Menu {
            items = List.copyOf(items);
        }

        /** A whole menu in one window. */
        public Menu(List<MenuItem> items, boolean truncated, RequestInfo requestInfo) {
            this(items, truncated, null, truncated ? null : items.size(), requestInfo);
        }

        @JsonProperty("kind")
        @Override
        public String kind() {
            return "menu";
        }

        @Override
        public Menu withRequestInfo(RequestInfo info) {
            return new Menu(items, truncated, nextOffset, totalItems, info);
        }
    }

    /**
     * A text document (type {@code 0}, {@code h}, unknown types).
     *
     * @param charset {@code utf-8}, or {@code latin-1} when the bytes are not valid UTF-8
     * @param bytes the size of the response as read, in bytes (at most the size cap)
     * @param text the text: line breaks normalised to LF, control characters other than TAB and LF
     *     removed, the {@code .} terminator and dot-stuffing undone when the response was framed
     * @param truncated whether text follows this window (the render cap) or the response was cut at the
     *     size cap
     * @param nextOffset the character offset of the next window, or {@code null} (serialised as
     *     {@code null}) when this window ends the text
     * @param totalChars the characters of the whole text (UTF-16 units; a window never splits a pair)
     * @param requestInfo the request
     */
    @JsonPropertyOrder({"kind", "charset", "bytes", "text", "truncated", "next_offset", "total_chars", "request_info"})
    record Text(String charset, long bytes, String text, boolean truncated,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer nextOffset, Integer totalChars, RequestInfo requestInfo)
            implements GopherResult {

        public Text {
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(text, "text");
        }

        /** A whole text in one window. */
        public Text(String charset, long bytes, String text, boolean truncated, RequestInfo requestInfo) {
            this(charset, bytes, text, truncated, null, text.length(), requestInfo);
        }

        @JsonProperty("kind")
        @Override
        public String kind() {
            return "text";
        }

        @Override
        public Text withRequestInfo(RequestInfo info) {
            return new Text(charset, bytes, text, truncated, nextOffset, totalChars, info);
        }
    }

    /**
     * A binary file: metadata only, the content is never returned to the model (read it as a
     * {@code gopher://} resource to get the bytes).
     *
     * @param bytes its size in bytes, or the bytes read when {@code truncated}
     * @param mimeType the MIME type, from the item type, the selector's extension, then magic bytes
     * @param truncated whether the file is larger than the size cap (then {@code bytes} is the cap)
     * @param note a reminder that the content is not included
     * @param requestInfo the request
     */
    @JsonPropertyOrder({"kind", "bytes", "mime_type", "truncated", "note", "request_info"})
    record Binary(long bytes, String mimeType, boolean truncated, String note, RequestInfo requestInfo)
            implements GopherResult {

        public Binary {
            Objects.requireNonNull(mimeType, "mimeType");
        }

        @JsonProperty("kind")
        @Override
        public String kind() {
            return "binary";
        }

        @Override
        public Binary withRequestInfo(RequestInfo info) {
            return new Binary(bytes, mimeType, truncated, note, info);
        }
    }

    /**
     * One menu line.
     *
     * @param type the item type character ({@code i} for info lines, also for lines with fewer than
     *     four fields)
     * @param title the display string
     * @param selector the selector ({@code URL:…} for hURL links)
     * @param host the host of the item
     * @param port the port (70 when the line's port is not a number in 1..65535; 0 for info lines)
     * @param nextUrl the URL to fetch the item: a {@code gopher://} URL, the external URL of an hURL
     *     link, or {@code null} for info and error lines
     * @param gopherPlus {@code true} when the line has a Gopher+ fifth field, else absent
     */
    record MenuItem(String type, String title, String selector, String host, int port, String nextUrl,
            Boolean gopherPlus) {
    }

    /**
     * The request behind a result or an error.
     *
     * @param url the URL as given (canonical when it parsed)
     * @param host the host, if the URL parsed
     * @param port the port, if the URL parsed
     * @param type the item type, if the URL parsed
     * @param selector the selector, if the URL parsed
     * @param search the type-7 search string, if any
     * @param timestamp when the fetch happened (ISO-8601, UTC): on a cache hit, the time of the download
     * @param cached {@code true} when served from the cache (a cached answer or a window of a held
     *     download), else absent
     * @param cachedAt when the cached answer was downloaded (ISO-8601, UTC), on cache hits only
     * @param cacheAgeSeconds how old the cached answer is, in whole seconds, on cache hits only
     * @param offset the offset of this window, when not 0
     * @param searchIgnored {@code true} when the URL carried a search ({@code %09terms}) that was not sent because
     *     the item is not a type-7 search (gopher-mcp's {@code search_ignored}), else absent
     */
    record RequestInfo(String url, String host, Integer port, String type, String selector, String search,
            String timestamp, Boolean cached, String cachedAt, Long cacheAgeSeconds, Integer offset,
            Boolean searchIgnored) {

        /** Request information without cache fields or offset. */
        public RequestInfo(String url, String host, Integer port, String type, String selector, String search,
                String timestamp, Boolean cached) {
            this(url, host, port, type, selector, search, timestamp, cached, null, null, null, null);
        }

        /** The same information, noting a search in the URL that was not sent (not a type-7 item). */
        public RequestInfo withSearchIgnored() {
            return new RequestInfo(url, host, port, type, selector, search, timestamp, cached, cachedAt,
                    cacheAgeSeconds, offset, Boolean.TRUE);
        }

        /** The same information marked as served from the cache at {@code ageSeconds}. */
        public RequestInfo asCached(long ageSeconds) {
            return new RequestInfo(url, host, port, type, selector, search, timestamp, Boolean.TRUE, timestamp,
                    Math.max(0, ageSeconds), offset, searchIgnored);
        }

        /** The same information marked as served from the cache. */
        public RequestInfo asCached() {
            return asCached(0);
        }

        /** The same information for the window at {@code offset}. */
        public RequestInfo withOffset(int offset) {
            return new RequestInfo(url, host, port, type, selector, search, timestamp, cached, cachedAt,
                    cacheAgeSeconds, offset == 0 ? null : offset, searchIgnored);
        }
    }
}
