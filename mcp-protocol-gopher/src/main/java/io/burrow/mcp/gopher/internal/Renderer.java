package io.burrow.mcp.gopher.internal;

import io.burrow.mcp.gopher.GopherResult;
import io.burrow.mcp.gopher.GopherResult.MenuItem;

/** Readable text renderings of results, for tool {@code content} and menu resources. */
public final class Renderer {

    private Renderer() {
    }

    /** A rendering of a result for a model to read. */
    public static String render(GopherResult result) {
        StringBuilder b = new StringBuilder();
        if (result instanceof GopherResult.Menu m) {
            renderMenu(m, b);
        } else if (result instanceof GopherResult.Text t) {
            b.append(t.text());
            if (t.truncated()) {
                b.append(t.text().endsWith("\n") ? "" : "\n").append("[truncated: only the first part of the document is shown]");
            }
        } else if (result instanceof GopherResult.Binary bin) {
            b.append("Binary content (").append(bin.mimeType()).append(", ")
                    .append(bin.truncated() ? "more than " : "").append(bin.bytes()).append(" bytes) at ")
                    .append(bin.requestInfo().url()).append(" is not returned; read it as a resource to get the bytes.");
        }
        return b.toString();
    }

    private static void renderMenu(GopherResult.Menu m, StringBuilder b) {
        b.append("Gopher menu ").append(m.requestInfo().url()).append(" (").append(m.items().size()).append(" items")
                .append(m.truncated() ? ", truncated" : "").append(")\n");
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
    }
}
