package io.burrow.mcp.zim.tools.internal;

import java.util.List;
import java.util.Map;

/**
 * The readable text of ZIM tool results (the {@code content} block models read): Markdown for articles and
 * sections, compact lists for searches. The structured value carries the same facts.
 */
final class Render {

    private Render() {
    }

    static String search(Obj r) {
        StringBuilder b = new StringBuilder();
        List<?> rows = (List<?>) r.get("results");
        b.append(rows.isEmpty() ? "No results" : "Results " + ((int) r.get("offset") + 1) + "–"
                + ((int) r.get("offset") + rows.size())).append(" of ")
                .append(Boolean.TRUE.equals(r.get("total_is_estimate")) ? "about " : "").append(r.get("total"))
                .append(" for \"").append(r.get("query")).append("\" (").append(r.get("mode")).append(')');
        if (r.get("zim_file_path") != null) {
            b.append(" in ").append(r.get("zim_file_path"));
        }
        b.append('\n');
        int i = (int) r.get("offset");
        for (Object o : rows) {
            Map<?, ?> row = (Map<?, ?>) o;
            b.append('\n').append(++i).append(". ").append(row.get("title")).append(" — ");
            if (row.get("zim_file_path") != null) {
                b.append(row.get("zim_file_path")).append(" : ");
            }
            b.append(row.get("path"));
            if (row.get("redirect_from") != null) {
                b.append(" (from ").append(row.get("redirect_from")).append(')');
            }
            if (row.get("snippet") != null) {
                b.append("\n   ").append(row.get("snippet").toString().replace('\n', ' '));
            }
        }
        if (r.get("archives") instanceof List<?> archives) {
            for (Object o : archives) {
                Map<?, ?> a = (Map<?, ?>) o;
                if (a.get("error") instanceof Map<?, ?> err) {
                    b.append("\n[").append(a.get("zim_file_path")).append(": ").append(err.get("code")).append(' ')
                            .append(err.get("message")).append(']');
                }
            }
        }
        if (r.get("next_cursor") != null) {
            b.append("\n\nMore: call zim_search with cursor=").append(r.get("next_cursor"));
        }
        return b.toString();
    }

    static String get(Map<?, ?> r) {
        StringBuilder b = new StringBuilder();
        String kind = (String) r.get("kind");
        b.append(r.get("zim_file_path")).append(" : ").append(r.get("path"));
        if (r.get("redirected_from") != null) {
            b.append(" (redirected from ").append(r.get("redirected_from")).append(')');
        }
        b.append(" [").append(r.get("mime_type")).append("]\n");
        if (kind.equals("binary") || r.get("data_base64") != null || r.get("size") != null) {
            b.append("Binary entry, ").append(r.get("size")).append(" bytes.");
            if (r.get("data_base64") != null) {
                b.append(" The bytes are attached (base64 in structuredContent.data_base64).");
            }
            if (r.get("note") != null) {
                b.append(' ').append(r.get("note"));
            }
            return b.toString();
        }
        if (r.get("title") != null) {
            b.append("Title: ").append(r.get("title")).append('\n');
        }
        if (r.get("sections") instanceof List<?> sections) {
            b.append(sections.isEmpty() ? "No sections.\n" : "Sections (id: title):\n");
            if (r.get("word_count") != null) {
                b.append("(").append(r.get("word_count")).append(" words; lead ").append(r.get("lead_words"))
                        .append(")\n");
            }
            for (Object o : sections) {
                Map<?, ?> s = (Map<?, ?>) o;
                b.append("  ".repeat(Math.max(0, ((Integer) s.get("level")) - 2))).append("- ").append(s.get("id"))
                        .append(": ").append(s.get("title"));
                if (s.get("word_count") != null) {
                    b.append(" (").append(s.get("word_count")).append(" words)");
                }
                b.append('\n');
            }
            return b.toString();
        }
        b.append('\n').append(r.get("content"));
        if (Boolean.TRUE.equals(r.get("truncated"))) {
            b.append("\n\n[Truncated at character ").append(r.get("next_offset")).append(" of ").append(r.get("total_chars"))
                    .append(": pass content_offset=").append(r.get("next_offset")).append(" for more]");
        }
        return b.toString();
    }

    static String batch(Obj r) {
        StringBuilder b = new StringBuilder();
        List<?> results = (List<?>) r.get("results");
        int i = 0;
        for (Object o : results) {
            Map<?, ?> m = (Map<?, ?>) o;
            b.append(i == 0 ? "" : "\n\n").append("=== [").append(++i).append('/').append(results.size()).append("] ");
            if ("error".equals(m.get("kind"))) {
                Map<?, ?> err = (Map<?, ?>) m.get("error");
                b.append(m.get("path")).append(" ===\nError ").append(err.get("code")).append(": ").append(err.get("message"));
            } else {
                b.append(m.get("path")).append(" ===\n").append(get(m));
            }
        }
        return b.toString();
    }

    static String section(Obj r) {
        StringBuilder b = new StringBuilder();
        b.append(r.get("zim_file_path")).append(" : ").append(r.get("path")).append(" § ").append(r.get("section_id"))
                .append(" (").append(r.get("word_count")).append(" words)\n\n").append(r.get("content"));
        if (Boolean.TRUE.equals(r.get("truncated"))) {
            b.append("\n\n[Truncated: pass content_offset=").append(r.get("next_offset")).append(" for more]");
        }
        return b.toString();
    }

    static String random(Obj r) {
        StringBuilder b = new StringBuilder();
        b.append(r.get("title")).append(" — ").append(r.get("zim_file_path")).append(" : ").append(r.get("path"));
        if (r.get("summary") != null) {
            b.append("\n\n").append(r.get("summary"));
        }
        return b.toString();
    }
}
