package io.burrow.mcp.zim.tools.internal;

import java.util.List;
import java.util.Objects;

/**
 * An HTML entry rendered for a language model by {@link ArticleParser}.
 *
 * <p>The page's title ({@code h1}) is not part of {@code markdown}: it is {@code title}. Sections are in document
 * order and their offsets index into {@code markdown}, which ends with a newline unless it is empty.
 *
 * @param title the page title: the main content's {@code h1}, else the HTML {@code <title>}, else empty
 * @param markdown the main content as Markdown
 * @param sections the headings, in document order
 * @param links the outbound links, in document order
 */
public record Article(String title, String markdown, List<Section> sections, List<Link> links) {

    /** Checks the components and copies the lists. */
    public Article {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        sections = List.copyOf(sections);
        links = List.copyOf(links);
    }

    /** Offset in markdown where the first section heading starts ({@code markdown.length()} if none): the lead. */
    public int leadEnd() {
        return sections.isEmpty() ? markdown.length() : sections.get(0).start();
    }

    /**
     * The lead's paragraphs (skipping banners, hatnotes, notes, lists, tables, code, images and empty blocks),
     * joined by blank lines, at most {@code maxChars} characters: a paragraph that does not fit is cut on a word
     * boundary (never inside a link) and ends with an ellipsis. When the lead has no paragraph, the first paragraphs
     * of the whole article are used instead, so that a page that starts with a heading still has a summary.
     *
     * @param maxChars the limit; 0 or less gives an empty string
     */
    public String summary(int maxChars) {
        return Summaries.summary(markdown, leadEnd(), maxChars);
    }
}
