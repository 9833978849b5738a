package io.burrow.mcp.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A parsed gemtext page: typed lines in order and every link, with link URLs resolved to absolute URLs
 * against the page URL.
 *
 * @param lines the lines; a preformatted block is one line of type {@code preformat}
 * @param links every link line, in order
 */
public record GemtextDocument(List<Line> lines, List<Link> links) {

    public GemtextDocument {
        lines = List.copyOf(lines);
        links = List.copyOf(links);
    }

    /**
     * One gemtext line. Serialised as {@code {"type":…, "text":…}} plus {@code url} for links and
     * {@code alt} for preformatted blocks; absent fields are omitted.
     *
     * @param type {@code text}, {@code link}, {@code heading1}, {@code heading2}, {@code heading3},
     *     {@code list}, {@code quote} or {@code preformat}
     * @param text the text: the line without its marker, a link's label ({@code null} if it has none), or
     *     the lines of a preformatted block joined with {@code \n}
     * @param url a link's absolute URL, else {@code null}
     * @param alt a preformatted block's alt text, else {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String type, String text, String url, String alt) {

        /** A line of the given type with text only. */
        public static Line of(String type, String text) {
            return new Line(type, text, null, null);
        }
    }

    /**
     * A link.
     *
     * @param url the absolute URL
     * @param text the label, or {@code null}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Link(String url, String text) {
    }
}
