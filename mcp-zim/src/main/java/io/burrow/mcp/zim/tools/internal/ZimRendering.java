package io.burrow.mcp.zim.tools.internal;

import java.util.List;
import java.util.Map;

/**
 * The readable text of ZIM tool results (the {@code content} block models read): Markdown for articles and
 * sections, compact lists for searches. The structured value carries the same facts; results without a rendering
 * here are shown as JSON.
 */
final class ZimRendering {

    private ZimRendering() {
    }

    /** The text of any result: its own rendering, else its JSON. */
    static String of(ZimResults.Result r) {
        if (r instanceof ZimResults.Search s) {
            return search(s);
        }
        if (r instanceof ZimResults.EntryResult e) {
            return get(e);
        }
        if (r instanceof ZimResults.RandomArticle a) {
            return random(a);
        }
        return io.burrow.mcp.core.json.Json.toTree(r).toPrettyString();
    }

    static String search(ZimResults.Search r) {
        StringBuilder b = new StringBuilder();
        List<ZimResults.SearchRow> rows = r.results();
        b.append(rows.isEmpty() ? "No results" : "Results " + (r.offset() + 1) + "–" + (r.offset() + rows.size()))
                .append(" of ").append(r.totalIsEstimate() ? "about " : "").append(r.total())
                .append(" for \"").append(r.query()).append("\" (").append(r.mode()).append(')');
        if (r.zimFilePath() != null) {
            b.append(" in ").append(r.zimFilePath());
        }
        b.append('\n');
        int i = r.offset();
        for (ZimResults.SearchRow row : rows) {
            b.append('\n').append(++i).append(". ").append(row.title()).append(" — ");
            if (row.zimFilePath() != null) {
                b.append(row.zimFilePath()).append(" : ");
            }
            b.append(row.path());
            if (row.redirectFrom() != null) {
                b.append(" (from ").append(row.redirectFrom()).append(')');
            }
            if (row.snippet() != null) {
                b.append("\n   ").append(row.snippet().replace('\n', ' '));
            }
        }
        if (r.archives() != null) {
            for (ZimResults.CrossArchive a : r.archives()) {
                if (a.error() != null) {
                    b.append("\n[").append(a.zimFilePath()).append(": ").append(a.error().code()).append(' ')
                            .append(a.error().message()).append(']');
                }
            }
        }
        if (r.nextCursor() != null) {
            b.append("\n\nMore: call zim_search with cursor=").append(r.nextCursor());
        }
        return b.toString();
    }

    static String get(ZimResults.EntryResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.zimFilePath()).append(" : ").append(r.path());
        if (r.redirectedFrom() != null) {
            b.append(" (redirected from ").append(r.redirectedFrom()).append(')');
        }
        b.append(" [").append(r.mimeType()).append("]\n");
        if (r instanceof ZimResults.BinaryEntry bin) {
            b.append("Binary entry, ").append(bin.size()).append(" bytes.");
            if (bin.dataBase64() != null) {
                b.append(" The bytes are attached (base64 in structuredContent.data_base64).");
            }
            if (bin.note() != null) {
                b.append(' ').append(bin.note());
            }
            return b.toString();
        }
        if (r instanceof ZimResults.EntryToc toc) {
            return sections(title(b, toc.title()), toc.sections(), null, null);
        }
        if (r instanceof ZimResults.EntryStructure st) {
            return sections(title(b, st.title()), st.sections(), st.wordCount(), st.leadWords());
        }
        ZimResults.EntryText text = (ZimResults.EntryText) r;
        title(b, text.title()).append('\n').append(text.content());
        if (Boolean.TRUE.equals(text.truncated())) {
            b.append("\n\n[Truncated at character ").append(text.nextOffset()).append(" of ")
                    .append(text.totalChars()).append(": pass content_offset=").append(text.nextOffset())
                    .append(" for more]");
        }
        return b.toString();
    }

    private static StringBuilder title(StringBuilder b, String title) {
        if (title != null) {
            b.append("Title: ").append(title).append('\n');
        }
        return b;
    }

    private static String sections(StringBuilder b, List<ZimResults.TocRow> sections, Integer words, Integer lead) {
        b.append(sections.isEmpty() ? "No sections.\n" : "Sections (id: title):\n");
        if (words != null) {
            b.append("(").append(words).append(" words; lead ").append(lead).append(")\n");
        }
        for (ZimResults.TocRow s : sections) {
            b.append("  ".repeat(Math.max(0, s.level() - 2))).append("- ").append(s.id()).append(": ")
                    .append(s.title());
            if (s.wordCount() != null) {
                b.append(" (").append(s.wordCount()).append(" words)");
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String batch(ZimResults.Batch r) {
        StringBuilder b = new StringBuilder();
        List<Object> results = r.results();
        int i = 0;
        for (Object o : results) {
            b.append(i == 0 ? "" : "\n\n").append("=== [").append(++i).append('/').append(results.size()).append("] ");
            if (o instanceof ZimResults.EntryResult e) {
                b.append(e.path()).append(" ===\n").append(get(e));
            } else {
                Map<?, ?> m = (Map<?, ?>) o;
                Map<?, ?> err = (Map<?, ?>) m.get("error");
                b.append(m.get("path")).append(" ===\nError ").append(err.get("code")).append(": ")
                        .append(err.get("message"));
            }
        }
        return b.toString();
    }

    static String section(ZimResults.SectionText r) {
        StringBuilder b = new StringBuilder();
        b.append(r.zimFilePath()).append(" : ").append(r.path()).append(" § ").append(r.sectionId())
                .append(" (").append(r.wordCount()).append(" words)\n\n").append(r.content());
        if (r.truncated()) {
            b.append("\n\n[Truncated: pass content_offset=").append(r.nextOffset()).append(" for more]");
        }
        return b.toString();
    }

    static String random(ZimResults.RandomArticle r) {
        StringBuilder b = new StringBuilder();
        b.append(r.title()).append(" — ").append(r.zimFilePath()).append(" : ").append(r.path());
        if (r.summary() != null) {
            b.append("\n\n").append(r.summary());
        }
        return b.toString();
    }
}
