package io.burrow.mcp.zim.tools.internal;

import java.util.Objects;

/**
 * One heading-delimited section of an {@link Article}. Offsets index into {@link Article#markdown()}.
 *
 * <p>{@code markdown.substring(start, bodyStart)} is the heading line with its newline ({@code "## Title\n"}).
 *
 * @param id stable, unique id (see {@code idSource})
 * @param title the heading's plain text
 * @param level 1..6 ({@code h2} is 2; {@code h1} is a section only on pages with several {@code h1})
 * @param parentId id of the nearest preceding section of a lower level, or null
 * @param start where the heading line starts
 * @param bodyStart just after the heading line (after its newline)
 * @param ownEnd where the next heading of any level starts (or the markdown's end)
 * @param end where the next heading of the same or a higher level (smaller number) starts, or the markdown's end:
 *        {@code [start, end)} includes the subsections
 * @param wordCount words (whitespace-separated runs holding a letter or digit) of the own body
 *        {@code [bodyStart, ownEnd)}
 * @param charCount characters of the own body with surrounding whitespace stripped (0 for an empty section)
 * @param idSource where the id came from: {@code "id"} (the heading's id), {@code "section"} (the enclosing
 *        {@code <section id>} or {@code <div class="section" id>} whose first heading this is),
 *        {@code "descendant_anchor"} (an id or {@code a name} inside the heading), {@code "preceding_anchor"} (an
 *        empty anchor element just before the heading), {@code "slug"} (made from the title)
 */
public record Section(String id, String title, int level, String parentId, int start, int bodyStart, int ownEnd,
        int end, int wordCount, int charCount, String idSource) {

    /** Checks the components. */
    public Section {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(idSource, "idSource");
    }
}
