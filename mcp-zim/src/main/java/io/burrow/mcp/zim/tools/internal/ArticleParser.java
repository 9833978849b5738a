package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.zim.internal.Checkpoint;
import java.io.Reader;
import java.util.Objects;
import java.util.function.Function;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Renders an HTML entry as Markdown for a language model, with its sections and outbound links.
 *
 * <p>What it does, in order:
 * <ul>
 * <li><b>Scope</b>: the first of {@code [role=main]}, {@code main}, {@code #mw-content-text}, {@code #content},
 *     {@code article}, {@code div.body} (Sphinx), else {@code body}.</li>
 * <li><b>Boilerplate</b> is skipped (never rendered, links not listed): scripts, styles, {@code noscript},
 *     {@code template}, {@code nav}, footers, page headers that hold no heading, forms and their controls, embedded
 *     objects and SVG, {@code .navbox}, {@code .vertical-navbox}, {@code .mw-editsection}, {@code sup.reference}
 *     (footnote markers; not every {@code .reference}: Sphinx marks all its links {@code a.reference}),
 *     {@code .mw-cite-backlink} (so reference lists stay, compact), {@code .mw-jump-link}, {@code #toc},
 *     {@code .toc}, {@code .sphinxsidebar}, {@code .related}, {@code [role=navigation]}, {@code .noprint},
 *     {@code .metadata}, {@code a.headerlink}, hidden elements ({@code hidden}, {@code display:none}) and
 *     comments. Hatnotes ({@code .hatnote}) are kept as block quotes, which {@link Article#summary} skips.</li>
 * <li><b>Title</b>: the {@code h1} of the main content, else {@code <title>}. A single {@code h1} is the title
 *     only and is left out of the Markdown; when a page has several, each is a level-1 section (the first also
 *     gives the title).</li>
 * <li><b>Markdown</b>: whitespace collapsed as a browser does (no-break spaces included), Markdown characters of
 *     the text escaped where they would mean something; ATX headings, paragraphs, emphasis, code spans, fenced code blocks (language from a
 *     {@code highlight-x}, {@code language-x} or {@code lang-x} class), lists, block quotes (also Sphinx
 *     admonitions, with their title in bold), definition lists (a term in bold or, for a Sphinx signature, as code,
 *     on its own line; the definition below it; definition lists nested in a definition indented by two spaces),
 *     GitHub pipe tables for simple tables (cells on one line, pipes escaped), tables with {@code colspan},
 *     {@code rowspan} or nested tables as a list of rows, one-column tables and tables holding headings or
 *     {@code pre} as plain content, images {@code ![alt](uri)}, hard line breaks. Headings inside lists, quotes
 *     or tables are bold paragraphs, not sections.</li>
 * <li><b>Links</b>: a relative href is resolved against the entry path with URI semantics (fragment dropped,
 *     query tried with and then without, segments percent-decoded, {@code .} and {@code ..} applied; a path
 *     escaping the root is unresolved) and looked up once per parse through the {@link EntryResolver}. Found
 *     targets are written as {@code uriForPath(path)} (without the href's fragment, which {@link Link#href()}
 *     keeps); missing ones as their text. External URLs are kept.
 *     Fragment-only, {@code javascript:}, {@code mailto:}, {@code data:} (and {@code tel:} and similar) links are
 *     plain text and not listed. Links inside code spans other than {@code <code><a>…</a></code>} are text.</li>
 * </ul>
 *
 * <p>Any input gives a result (jsoup is lenient; its tree depth is bounded at 512); the work is linear in the
 * page's size. Not thread-bound: each call uses its own state.
 */
public final class ArticleParser {

    private ArticleParser() {
    }

    /**
     * Renders one page.
     *
     * @param html the entry's HTML
     * @param entryPath the entry's path as {@code ZimArchive.findEntry} accepts it (new scheme
     *        {@code "wiki/Foo.html"}; old scheme {@code "A/Foo"}); relative hrefs are resolved against it with URI
     *        semantics ({@code "../I/x.png"} from {@code "A/Foo"} → {@code "I/x.png"})
     * @param resolver looks targets up (follows redirects)
     * @param uriForPath maps a final entry path to the URI written into the Markdown (e.g.
     *        {@code p -> "zim://demo/" + p})
     * @return the article
     */
    public static Article parse(String html, String entryPath, EntryResolver resolver,
            Function<String, String> uriForPath) {
        return parse(html, entryPath, resolver, uriForPath, Checkpoint.NONE);
    }

    /**
     * Renders one page, stepping {@code checkpoint} once per block element: a request that ends (deadline,
     * cancellation) stops the rendering with {@code TIMEOUT} or {@code CANCELLED}.
     */
    public static Article parse(String html, String entryPath, EntryResolver resolver,
            Function<String, String> uriForPath, Checkpoint checkpoint) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(entryPath, "entryPath");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(uriForPath, "uriForPath");
        Document doc = Parser.htmlParser().parseInput(new CheckedReader(html, checkpoint), "");
        checkpoint.check();
        return new Renderer(doc, entryPath, resolver, uriForPath, checkpoint).render();
    }

    /**
     * The page as jsoup reads it, chunk by chunk: the checkpoint is checked once per chunk, so that parsing a large
     * page stops too when its request ends (the same tree as {@code Jsoup.parse(html)}).
     */
    private static final class CheckedReader extends Reader {
        private final String text;
        private final Checkpoint checkpoint;
        private int pos;

        CheckedReader(String text, Checkpoint checkpoint) {
            this.text = text;
            this.checkpoint = checkpoint;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (pos >= text.length()) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            checkpoint.check();
            int n = Math.min(len, text.length() - pos);
            text.getChars(pos, pos + n, buf, off);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            pos = text.length();
        }
    }
}
