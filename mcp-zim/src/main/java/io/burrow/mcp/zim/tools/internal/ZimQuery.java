package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code zim_query}: one tool for clients that want to ask in plain words. A small rule-based intent parser (English
 * phrasings, like openzim-mcp's) picks an operation of the other tools, runs it and answers with its result and a
 * Markdown rendering. Anything it does not recognise is a full-text search.
 */
final class ZimQuery {

    /** A recognised intent and the subject it is about (the rest of the query), if any. */
    record Intent(String name, String subject) {
    }

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final List<Map.Entry<String, Pattern>> RULES = List.of(
            rule("list_archives", "^(?:list|show|which|what)\\b.*\\b(?:archives|zims?|zim files|libraries)\\b.*"),
            rule("main_page", ".*\\b(?:main|home|front) page\\b.*"),
            rule("metadata", "^(?:metadata|info(?:rmation)?|details)(?: (?:about|of|for) (?:this|the) (?:archive|zim|file|library))?\\??$"),
            rule("random", "^(?:a |an |show (?:me )?a )?random(?: article| page| entry)?\\??$"),
            rule("toc", "^(?:toc|table of contents|outline|structure|sections|headings)(?: (?:of|for|in))? (.+?)\\??$"),
            rule("related", "^(?:related(?: articles)?|see also)(?: (?:to|for|of))? (.+?)\\??$"),
            rule("links", "^(?:links?|outbound links)(?: (?:in|from|of|on))? (.+?)\\??$"),
            rule("suggest", "^(?:suggest(?:ions)?|complete|autocomplete)(?: (?:for|of))? (.+?)\\??$"),
            rule("browse", "^(?:browse|list)(?: (?:the|all))?(?: (?:articles|entries|pages))?\\??$"),
            rule("article", "^(?:tell me (?:about|of)|what (?:is|are|was|were)(?: an?| the)?|who (?:is|was|are|were)|"
                    + "read|open|show(?: me)?(?: the)?(?: article)?(?: (?:on|about))?|article (?:on|about)|define|"
                    + "definition of|explain) (.+?)\\??$"),
            rule("search", "^(?:search|find|look up|lookup)(?: for)? (.+?)\\??$"));

    private static Map.Entry<String, Pattern> rule(String name, String regex) {
        return Map.entry(name, Pattern.compile(regex, FLAGS));
    }

    private final ZimService service;
    private final ZimSearch search;

    ZimQuery(ZimService service, ZimSearch search) {
        this.service = service;
        this.search = search;
    }

    /** The intent of a query; a full-text search of the whole query when no rule matches. */
    static Intent parse(String query) {
        String q = query.strip().replaceAll("\\s+", " ");
        for (Map.Entry<String, Pattern> r : RULES) {
            Matcher m = r.getValue().matcher(q);
            if (m.matches()) {
                String subject = m.groupCount() > 0 ? m.group(1).strip() : null;
                return new Intent(r.getKey(), subject == null || subject.isEmpty() ? null : strip(subject));
            }
        }
        return new Intent("search", strip(q));
    }

    /** Drops quotes and a leading article from a subject. */
    private static String strip(String s) {
        String t = s.replaceAll("^[\"'“‘]+|[\"'”’.!]+$", "").strip();
        return t.replaceFirst("(?i)^(?:the|a|an) (?=\\S)", "");
    }

    /** The answer: {@code {kind:"query", intent, subject?, result}} and its text. */
    Answer answer(String query, String archive, int maxChars) {
        if (query.isBlank()) {
            throw new InvalidRequestException("query is empty");
        }
        Intent in = parse(query);
        Obj result = switch (in.name()) {
            case "list_archives" -> service.health(null, false);
            case "main_page" -> mainPage(archive, maxChars);
            case "metadata" -> service.metadata(service.library().resolve(archive));
            case "random" -> service.random(service.library().resolve(archive));
            case "browse" -> service.browse(service.library().resolve(archive), 'C', null, 0, 0, 50, false);
            case "suggest" -> search.search(params(in.subject(), "suggest", archive, 10));
            case "toc", "related", "links", "article" -> about(in, archive, maxChars);
            default -> fulltextOrTitles(in.subject(), archive);
        };
        Obj out = Obj.of("query").with("intent", in.name()).with("subject", in.subject()).with("result", result);
        String text = "Intent: " + in.name() + (in.subject() == null ? "" : " — \"" + in.subject() + "\"") + "\n\n"
                + render(result);
        if (Boolean.TRUE.equals(result.get("truncated"))) {
            text += "\n(Read on with zim_get: zim_file_path " + result.get("zim_file_path") + ", entry_path "
                    + result.get("path") + ", content_offset " + result.get("next_offset") + ".)";
        }
        return new Answer(out, text);
    }

    /** A structured answer and its Markdown. */
    record Answer(Obj structured, String text) {
    }

    private ZimSearch.SearchParams params(String q, String mode, String archive, int limit) {
        boolean cross = archive == null && service.library().all().size() > 1;
        String name = cross ? null : service.library().resolve(archive).name();
        return new ZimSearch.SearchParams(q, mode, name, cross, null, null, 0, limit);
    }

    /** A full-text search, or a title search where the archive has no full-text index. */
    private Obj fulltextOrTitles(String q, String archive) {
        try {
            return search.search(params(q, "fulltext", archive, 10));
        } catch (BurrowException e) {
            if (!e.errorCode().equals(io.burrow.mcp.zim.search.NoFulltextIndexException.CODE)) {
                throw e;
            }
            return search.search(params(q, "title", archive, 10));
        }
    }

    private Obj mainPage(String archive, int maxChars) {
        ArchiveLibrary.Loaded l = service.library().resolve(archive);
        return service.get(l, Entries.main(l), new ZimService.GetParams("full", maxChars, 0, false));
    }

    /** An operation on the article the subject names: found by title, else by the best full-text hit. */
    private Obj about(Intent in, String archive, int maxChars) {
        Obj hits = search.search(params(in.subject(), "title", archive, 1));
        List<?> rows = (List<?>) hits.get("results");
        if (rows.isEmpty()) {
            try {
                hits = search.search(params(in.subject(), "fulltext", archive, 1));
                rows = (List<?>) hits.get("results");
            } catch (BurrowException e) {
                rows = List.of();
            }
        }
        if (rows.isEmpty()) {
            throw new NotFoundException("No article matches \"" + in.subject() + "\"",
                    "Try zim_search with other words, or mode \"suggest\" for title completions.");
        }
        Map<?, ?> top = (Map<?, ?>) rows.get(0);
        String name = top.get("zim_file_path") != null ? (String) top.get("zim_file_path") : (String) hits.get("zim_file_path");
        ArchiveLibrary.Loaded l = service.library().resolve(name);
        Entries.Resolved r = Entries.resolve(l, (String) top.get("path"));
        return switch (in.name()) {
            case "toc" -> service.get(l, r, new ZimService.GetParams("toc", maxChars, 0, false));
            case "links" -> service.links(l, r, "outbound", null, 0, 25);
            case "related" -> service.links(l, r, "related", null, 0, 10);
            default -> service.get(l, r, new ZimService.GetParams("full", maxChars, 0, false));
        };
    }

    private static String render(Obj r) {
        return switch (String.valueOf(r.get("kind")).toLowerCase(Locale.ROOT)) {
            case "search" -> Render.search(r);
            case "article", "text", "binary" -> Render.get(r);
            case "random" -> Render.random(r);
            default -> io.burrow.mcp.core.json.Json.toTree(r).toPrettyString();
        };
    }
}
