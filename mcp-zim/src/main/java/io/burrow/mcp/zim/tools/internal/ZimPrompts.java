package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.PromptResult;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The prompts {@code research(topic)}, {@code summarize(zim_file_path, entry_path)} and
 * {@code explore(zim_file_path)}. Each embeds what it can read now (the article, the archive overview), so the
 * model starts with facts, and says which tools to call next.
 */
public final class ZimPrompts {

    static final int MAX_ARGUMENT = 200;
    private static final int ARTICLE_CHARS = 6000;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final ArchiveLibrary library;
    private final ZimArticles articles;
    private final ZimResources resources;

    /** The prompts over {@code library}; {@code explore} embeds the overview {@code resources} give. */
    public ZimPrompts(ArchiveLibrary library, ZimArticles articles, ZimResources resources) {
        this.library = library;
        this.articles = articles;
        this.resources = resources;
    }

    /** Every ZIM prompt. */
    public List<PromptDefinition> all() {
        return List.of(
                new PromptDefinition("research", "Research a topic offline",
                        "Research a topic in the offline archives: search, read the best articles, answer with citations.",
                        List.of(new PromptDefinition.Argument("topic", "What to research", true)), guarded(c -> research(c.arguments()))),
                new PromptDefinition("summarize", "Summarize an article",
                        "Summarize one article of an archive, with its structure and key links.",
                        List.of(new PromptDefinition.Argument("zim_file_path", "Archive name", true),
                                new PromptDefinition.Argument("entry_path", "Entry path", true)), guarded(c -> summarize(c.arguments()))),
                new PromptDefinition("explore", "Explore an archive",
                        "Get to know an archive: what it holds, its main page, where to start.",
                        List.of(new PromptDefinition.Argument("zim_file_path", "Archive name", true)), guarded(c -> explore(c.arguments()))));
    }

    /** {@code handler} run as one call of the library (see {@link ArchiveLibrary#call}). */
    private PromptDefinition.Handler guarded(PromptDefinition.Handler handler) {
        return call -> CallScope.during(FetchScope.of(call), () -> library.call(() -> handler.render(call)));
    }

    /** An argument without control characters, at most {@value #MAX_ARGUMENT} characters. */
    static String arg(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null || v.isBlank()) {
            throw new InvalidRequestException("Argument '" + name + "' is required");
        }
        v = CONTROL.matcher(v).replaceAll(" ").strip();
        return v.length() > MAX_ARGUMENT ? v.substring(0, MAX_ARGUMENT) : v;
    }

    private static PromptResult result(String description, String text) {
        return PromptResult.ofUserText(description, text);
    }

    private PromptResult research(Map<String, String> args) {
        String topic = arg(args, "topic");
        List<String> names = library.all().stream().map(LoadedArchive::name).toList();
        String where = names.size() == 1 ? "the archive " + names.get(0)
                : "the archives " + String.join(", ", names.size() > 20 ? names.subList(0, 20) : names);
        return result("Research " + topic, """
                Research this topic using only %s: "%s".

                1. Call zim_search with query "%s"%s. If nothing matches, try mode "title", synonyms or broader words.
                2. Read the three most relevant results with zim_get view "summary"; for the best one, read its \
                table of contents (view "toc") and the relevant sections with zim_get_section.
                3. Follow zim:// links from the articles (zim_get accepts them as entry_path) when they add facts.
                4. Answer with what the archives say, citing each fact with the zim:// URI of its article. Say \
                plainly what the archives do not cover.""".formatted(where, topic, topic,
                names.size() > 1 ? " and cross_file true" : ""));
    }

    private PromptResult summarize(Map<String, String> args) {
        LoadedArchive l = library.resolve(arg(args, "zim_file_path"));
        Entries.Resolved r = Entries.resolve(l, arg(args, "entry_path"));
        ZimResults.EntryResult toc = articles.get(l, r, new ZimArticles.GetParams("toc", ARTICLE_CHARS, 0, false));
        ZimResults.EntryResult full = articles.get(l, r, new ZimArticles.GetParams("full", ARTICLE_CHARS, 0, false));
        String path = full.path();
        String title = full instanceof ZimResults.EntryText t ? t.title() : null;
        StringBuilder b = new StringBuilder();
        b.append("Summarize the article \"").append(title).append("\" (")
                .append(PathCodec.entryUri(l.name(), path)).append(") in a few paragraphs: its subject, its main ")
                .append("points section by section, and the related articles worth reading next (from zim_links ")
                .append("direction \"related\").\n\n").append(ZimRendering.get(toc)).append("\nThe article");
        ZimResults.EntryText text = full instanceof ZimResults.EntryText t ? t : null;
        if (text != null && Boolean.TRUE.equals(text.truncated())) {
            b.append(" begins (read the rest with zim_get_section or zim_get content_offset=")
                    .append(text.nextOffset()).append(')');
        }
        b.append(":\n\n").append(text == null ? null : text.content());
        return result("Summarize " + title, b.toString());
    }

    private PromptResult explore(Map<String, String> args) {
        LoadedArchive l = library.resolve(arg(args, "zim_file_path"));
        ZimResults.Overview o = resources.overview(l);
        StringBuilder b = new StringBuilder();
        b.append("Explore the archive ").append(l.name()).append(" and tell me what it holds and where to start.\n\n");
        o.metadata().forEach((k, v) -> b.append(k).append(": ").append(v).append('\n'));
        b.append("Entries: ").append(o.entryCount()).append(", articles: ").append(o.articleCount())
                .append(", media: ").append(o.mediaCount()).append(", full-text index: ")
                .append(o.hasFulltextIndex()).append('\n');
        ZimResults.MainPreview main = o.mainPage();
        if (main != null) {
            b.append("\nMain page ").append(main.uri()).append(":\n").append(main.preview() == null ? ""
                    : main.preview()).append('\n');
        }
        b.append("""

                Next: list a few articles with zim_browse (limit 20), draw two with zim_random, and search for \
                the archive's central topics with zim_search. Then describe the archive's scope, its notable \
                articles (with zim:// URIs) and good starting points.""");
        return result("Explore " + l.name(), b.toString());
    }
}
