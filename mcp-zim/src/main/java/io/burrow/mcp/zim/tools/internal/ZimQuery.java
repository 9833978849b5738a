package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.zim.ZimErrors;
import java.util.List;
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

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern QUOTES = Pattern.compile("^[\"'“‘]+|[\"'”’.!]+$");
    private static final Pattern ARTICLE = Pattern.compile("(?i)^(?:the|a|an) (?=\\S)");

    private static Map.Entry<String, Pattern> rule(String name, String regex) {
        return Map.entry(name, Pattern.compile(regex, FLAGS));
    }

    private final ArchiveLibrary library;
    private final ZimArticles articles;
    private final ZimArchives archives;
    private final ZimSearch search;

    ZimQuery(ArchiveLibrary library, ZimArticles articles, ZimArchives archives, ZimSearch search) {
        this.library = library;
        this.articles = articles;
        this.archives = archives;
        this.search = search;
    }

    /** The intent of a query; a full-text search of the whole query when no rule matches. */
    static Intent parse(String query) {
        String q = SPACES.matcher(query.strip()).replaceAll(" ");
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
        String t = QUOTES.matcher(s).replaceAll("").strip();
        return ARTICLE.matcher(t).replaceFirst("");
    }

    /** The answer: {@code {kind:"query", intent, subject?, result}} and its text. */
    Answer answer(String query, String archive, int maxChars) {
        if (query.isBlank()) {
            throw new InvalidRequestException("query is empty");
        }
        Intent in = parse(query);
        ZimResults.Result result = switch (in.name()) {
            case "list_archives" -> archives.health(null, false);
            case "main_page" -> mainPage(archive, maxChars);
            case "metadata" -> archives.metadata(library.resolve(archive));
            case "random" -> archives.random(library.resolve(archive));
            case "browse" -> archives.browse(library.resolve(archive), 'C', null, 0, 0, 50, false);
            case "suggest" -> search.search(params(in.subject(), "suggest", archive, 10));
            case "toc", "related", "links", "article" -> about(in, archive, maxChars);
            default -> fulltextOrTitles(in.subject(), archive);
        };
        ZimResults.Query out = new ZimResults.Query(in.name(), in.subject(), result);
        String text = "Intent: " + in.name() + (in.subject() == null ? "" : " — \"" + in.subject() + "\"") + "\n\n"
                + ZimRendering.of(result);
        if (result instanceof ZimResults.EntryText t && Boolean.TRUE.equals(t.truncated())) {
            text += "\n(Read on with zim_get: zim_file_path " + t.zimFilePath() + ", entry_path " + t.path()
                    + ", content_offset " + t.nextOffset() + ".)";
        }
        return new Answer(out, text);
    }

    /** A structured answer and its Markdown. */
    record Answer(ZimResults.Query structured, String text) {
    }

    private ZimSearch.SearchParams params(String q, String mode, String archive, int limit) {
        boolean cross = archive == null && library.all().size() > 1;
        String name = cross ? null : library.resolve(archive).name();
        return new ZimSearch.SearchParams(q, mode, name, cross, null, null, 0, limit);
    }

    /** A full-text search, or a title search where the archive has no full-text index. */
    private ZimResults.Search fulltextOrTitles(String q, String archive) {
        try {
            return search.search(params(q, "fulltext", archive, 10));
        } catch (BurrowException e) {
            if (!e.errorCode().equals(ZimErrors.NO_FULLTEXT_INDEX)) {
                throw e;
            }
            return search.search(params(q, "title", archive, 10));
        }
    }

    private ZimResults.EntryResult mainPage(String archive, int maxChars) {
        LoadedArchive l = library.resolve(archive);
        return articles.get(l, Entries.main(l), new ZimArticles.GetParams("full", maxChars, 0, false));
    }

    /** An operation on the article the subject names: found by title, else by the best full-text hit. */
    private ZimResults.Result about(Intent in, String archive, int maxChars) {
        ZimResults.Search hits = search.search(params(in.subject(), "title", archive, 1));
        List<ZimResults.SearchRow> rows = hits.results();
        if (rows.isEmpty()) {
            try {
                hits = search.search(params(in.subject(), "fulltext", archive, 1));
                rows = hits.results();
            } catch (BurrowException e) {
                rows = List.of();
            }
        }
        if (rows.isEmpty()) {
            throw new NotFoundException("No article matches \"" + in.subject() + "\"",
                    "Try zim_search with other words, or mode \"suggest\" for title completions.");
        }
        ZimResults.SearchRow top = rows.get(0);
        String name = top.zimFilePath() != null ? top.zimFilePath() : hits.zimFilePath();
        LoadedArchive l = library.resolve(name);
        Entries.Resolved r = Entries.resolve(l, top.path());
        return switch (in.name()) {
            case "toc" -> articles.get(l, r, new ZimArticles.GetParams("toc", maxChars, 0, false));
            case "links" -> articles.links(l, r, "outbound", null, 0, 25);
            case "related" -> articles.links(l, r, "related", null, 0, 10);
            default -> articles.get(l, r, new ZimArticles.GetParams("full", maxChars, 0, false));
        };
    }
}
