package io.burrow.mcp.gopher.tools.internal;

import io.burrow.mcp.gopher.GopherResult;
import io.burrow.mcp.gopher.GopherResult.MenuItem;
import java.util.List;
import java.util.Map;

/** Readable text renderings of results, for tool {@code content} and menu resources. */
public final class GopherRendering {

    private GopherRendering() {
    }

    /** The rendering of a batch: each URL under a {@code === [i/n] url ===} line, then its result or error. */
    public static String batch(List<String> urls, List<Object> results) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            b.append(i == 0 ? "" : "\n\n").append("=== [").append(i + 1).append('/').append(results.size()).append("] ")
                    .append(urls.get(i)).append(" ===\n");
            Object r = results.get(i);
            if (r instanceof GopherResult g) {
                b.append(render(g));
            } else if (r instanceof Map<?, ?> m && m.get("error") instanceof Map<?, ?> err) {
                b.append("Error ").append(err.get("code")).append(": ").append(err.get("message"));
                if (err.get("hint") != null) {
                    b.append("\nHint: ").append(err.get("hint"));
                }
            }
        }
        return b.toString();
    }

    /** A rendering of a result for a model to read. */
    public static String render(GopherResult result) {
        StringBuilder b = new StringBuilder();
        if (result instanceof GopherResult.Menu m) {
            renderMenu(m, b);
        } else if (result instanceof GopherResult.Text t) {
            b.append(t.text());
            if (t.nextOffset() != null) {
                b.append(t.text().endsWith("\n") ? "" : "\n").append("[more: ").append(t.totalChars() - t.nextOffset())
                        .append(" of ").append(t.totalChars()).append(" characters follow; fetch again with offset=")
                        .append(t.nextOffset()).append(" to read on]");
            } else if (t.truncated()) {
                b.append(t.text().endsWith("\n") ? "" : "\n").append("[truncated: the response was larger than the size cap]");
            }
        } else if (result instanceof GopherResult.Binary bin) {
            b.append("Binary content (").append(bin.mimeType()).append(", ")
                    .append(bin.truncated() ? "more than " : "").append(bin.bytes()).append(" bytes) at ")
                    .append(bin.requestInfo().url()).append(" is not returned; read it as a resource to get the bytes.");
        }
        if (Boolean.TRUE.equals(result.requestInfo().searchIgnored())) {
            b.append(b.length() == 0 || b.charAt(b.length() - 1) == '\n' ? "" : "\n")
                    .append("[search ignored: only type-7 items take a search; this item has type ")
                    .append(result.requestInfo().type()).append(']');
        }
        return b.toString();
    }

    private static void renderMenu(GopherResult.Menu m, StringBuilder b) {
        b.append("Gopher menu ").append(m.requestInfo().url()).append(" (").append(m.items().size()).append(" items")
                .append(m.truncated() ? ", truncated" : "").append(")\n");
        String more = m.nextOffset() == null ? null : "[more items follow" + (m.totalItems() == null ? ""
                : " (" + m.totalItems() + " in all)") + "; fetch again with offset=" + m.nextOffset() + " to read on]\n";
        for (MenuItem item : m.items()) {
            switch (item.type()) {
                case "i" -> b.append("     ").append(item.title());
                case "3" -> b.append("[3]  Error: ").append(item.title());
                default -> {
                    b.append('[').append(item.type()).append("]  ").append(item.title());
                    if (item.nextUrl() != null) {
                        b.append("  <").append(item.nextUrl()).append('>');
                    }
                }
            }
            b.append('\n');
        }
        if (more != null) {
            b.append(more);
        }
    }
}
