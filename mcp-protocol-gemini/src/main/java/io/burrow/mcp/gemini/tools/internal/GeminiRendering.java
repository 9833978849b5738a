package io.burrow.mcp.gemini.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.gemini.GeminiResult;
import io.burrow.mcp.gemini.GemtextDocument;
import io.burrow.mcp.gemini.RequestInfo;
import java.util.List;

/** Readable text renderings of results, for the {@code content} of tool results. */
public final class GeminiRendering {

    private GeminiRendering() {
    }

    /** A rendering of a result for a model to read. */
    public static String render(GeminiResult result) {
        RequestInfo info = result.requestInfo();
        StringBuilder b = new StringBuilder();
        if (result instanceof GeminiResult.Gemtext g) {
            b.append(info.url()).append(" (text/gemini").append(g.lang() == null ? "" : ", lang " + g.lang())
                    .append(", ").append(g.size()).append(" bytes").append(flags(g.truncated(), info)).append(")\n");
            warnings(b, info);
            b.append('\n');
            if (g.feed() != null) {
                b.append("Gemlog index: ").append(g.feed().entries().size()).append(" dated posts, newest first:\n");
                g.feed().entries().stream().limit(20).forEach(e -> b.append("  ").append(e.date()).append("  ")
                        .append(e.title() == null ? "" : e.title()).append("  <").append(e.url()).append(">\n"));
                b.append('\n');
            }
            gemtext(b, g.document().lines());
            more(b, g.nextOffset(), g.totalChars());
        } else if (result instanceof GeminiResult.Success s) {
            b.append(info.url()).append(" (").append(s.mimeType().essence()).append(", ").append(s.size()).append(" bytes")
                    .append(flags(s.truncated(), info)).append(")\n");
            warnings(b, info);
            b.append('\n').append(s.content());
            more(b, s.nextOffset(), s.totalChars());
        } else if (result instanceof GeminiResult.Binary bin) {
            b.append(info.url()).append(" (").append(bin.mimeType()).append(", ").append(bin.size()).append(" bytes")
                    .append(flags(bin.truncated(), info)).append(")\n").append(bin.note());
            warnings(b.append('\n'), info);
        } else if (result instanceof GeminiResult.Input in) {
            b.append(info.url()).append(" asks for ").append(in.sensitive() ? "sensitive input (status 11)" : "input (status 10)")
                    .append(": ").append(in.prompt()).append("\nCall gemini_fetch again with the same url and 'input'.");
            if (in.sensitive()) {
                b.append(" The answer is a secret (for example a password): get it from the user; it is never logged, "
                        + "cached or echoed.");
            }
        } else if (result instanceof GeminiResult.Redirect r) {
            b.append(info.url()).append(" redirects (").append(r.status()).append(r.permanent() ? ", permanent" : ", temporary")
                    .append(") to ").append(r.newUrl()).append('\n').append(r.reason());
        } else if (result instanceof GeminiResult.Certificate c) {
            b.append(info.url()).append(" answered ").append(c.status()).append(": ").append(c.message()).append('\n')
                    .append(c.hint());
        }
        return b.toString();
    }

    private static void more(StringBuilder b, Integer next, Integer total) {
        if (next != null) {
            b.append(b.length() > 0 && b.charAt(b.length() - 1) == '\n' ? "" : "\n").append("[more: ")
                    .append(total - next).append(" of ").append(total)
                    .append(" characters follow; fetch again with offset=").append(next).append(" to read on]\n");
        }
    }

    private static String flags(boolean truncated, RequestInfo info) {
        return (truncated ? ", truncated" : "") + (Boolean.TRUE.equals(info.cached()) ? ", cached" : "")
                + (info.redirects() == null ? "" : ", after " + info.redirects().size() + " redirect(s)");
    }

    private static void warnings(StringBuilder b, RequestInfo info) {
        if (info.tofuWarning() != null && !"first_use".equals(info.tofu())) {
            b.append("Warning: ").append(info.tofuWarning()).append('\n');
        }
    }

    /** The rendering of a batch: a line per URL with its kind, and the error or the size. */
    public static String batch(List<String> urls, List<Object> results) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = Json.toTree(results.get(i));
            text.append(i + 1).append(". ").append(r.path("request_info").path("url").asText(withoutQuery(urls.get(i))))
                    .append(" -> ").append(r.path("kind").asText());
            if (r.has("error")) {
                text.append(' ').append(r.path("error").path("code").asText()).append(": ")
                        .append(r.path("error").path("message").asText());
            } else if (r.has("size")) {
                text.append(" (").append(r.path("size").asLong()).append(" bytes)");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A URL without its query, which may carry a secret. */
    private static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** Gemtext again, with link URLs absolute. */
    public static void gemtext(StringBuilder b, List<GemtextDocument.Line> lines) {
        for (GemtextDocument.Line l : lines) {
            switch (l.type()) {
                case "link" -> b.append("=> ").append(l.url()).append(l.text() == null ? "" : " " + l.text());
                case "heading1" -> b.append("# ").append(l.text());
                case "heading2" -> b.append("## ").append(l.text());
                case "heading3" -> b.append("### ").append(l.text());
                case "list" -> b.append("* ").append(l.text());
                case "quote" -> b.append("> ").append(l.text());
                case "preformat" -> b.append("```").append(l.alt() == null ? "" : l.alt()).append('\n').append(l.text())
                        .append("\n```");
                default -> b.append(l.text());
            }
            b.append('\n');
        }
    }
}
