package io.burrow.mcp.gopher;

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
     * A directory (types {@code 1} and {@code 7}).
     *
     * @param items the items in server order, info lines included
     * @param truncated whether items were dropped (item cap) or the response was cut (size cap)
     * @param requestInfo the request
     */
    @JsonPropertyOrder({"kind", "items", "truncated", "request_info"})
    record Menu(List<MenuItem> items, boolean truncated, RequestInfo requestInfo) implements GopherResult {

        public Menu {
            items = List.copyOf(items);
        }

        @JsonProperty("kind")
        @Override
        public String kind() {
            return "menu";
        }

        @Override
        public Menu withRequestInfo(RequestInfo info) {
            return new Menu(items, truncated, info);
        }
    }

    /**
     * A text document (type {@code 0}, {@code h}, unknown types).
     *
     * @param charset {@code utf-8}, or {@code latin-1} when the bytes are not valid UTF-8
     * @param bytes the size of the response as read, in bytes (at most the size cap)
     * @param text the text: line breaks normalised to LF, control characters other than TAB and LF
     *     removed, the {@code .} terminator and dot-stuffing undone when the response was framed
     * @param truncated whether the response was cut at the size cap or the text at the render cap
     * @param requestInfo the request
     */
    @JsonPropertyOrder({"kind", "charset", "bytes", "text", "truncated", "request_info"})
    record Text(String charset, long bytes, String text, boolean truncated, RequestInfo requestInfo)
            implements GopherResult {

        public Text {
            Objects.requireNonNull(charset, "charset");
            Objects.requireNonNull(text, "text");
        }

        @JsonProperty("kind")
        @Override
        public String kind() {
            return "text";
        }

        @Override
        public Text withRequestInfo(RequestInfo info) {
            return new Text(charset, bytes, text, truncated, info);
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
     * @param timestamp when the fetch happened (ISO-8601, UTC)
     * @param cached {@code true} when served from the cache, else absent
     */
    record RequestInfo(String url, String host, Integer port, String type, String selector, String search,
            String timestamp, Boolean cached) {

        /** The same information marked as served from the cache. */
        public RequestInfo asCached() {
            return new RequestInfo(url, host, port, type, selector, search, timestamp, Boolean.TRUE);
        }
    }
}
