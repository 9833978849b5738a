package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimOptions;
import io.burrow.mcp.zim.search.internal.Stemmers;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snippets keep their quality on both committed archives (the demo and the peer test archive): for queries made of
 * the words of every article title (and their plurals, which only the stemmer matches), every hit whose page text
 * contains a query word, or a word with the same stem, has a snippet showing one of them in bold. The page text is
 * judged by a DOM (jsoup, the page furniture removed), independently of the streaming extractor the snippets use.
 */
final class SnippetQualityTest {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern BOLD = Pattern.compile("<b>([^<]*)</b>");

    private static ZimArchive open(String which) throws Exception {
        if (which.equals("demo")) {
            try (InputStream in = SnippetQualityTest.class.getResourceAsStream("/io/burrow/mcp/zim/demo/burrow-demo.zim")) {
                return ZimArchive.open(ByteBuffer.wrap(in.readAllBytes()), ZimOptions.builder().build());
            }
        }
        return ZimArchive.open(GroundTruth.fixture(which + ".zim"));
    }

    /** The page text as a DOM sees it, without scripts, styles and page furniture. */
    private static String domText(byte[] html) {
        Document d = Jsoup.parse(new String(html, StandardCharsets.UTF_8));
        d.select("script, style, noscript, template, nav, header, footer, [role=navigation], .navbox, "
                + ".sphinxsidebar, .related, .footer, .mw-editsection, .mw-jump-link, a.headerlink").remove();
        return d.body() == null ? d.text() : d.body().text();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "peer-test-small"})
    void everySnippet_showsAQueryWordOrItsStem_wheneverThePageTextHasOne(String which) throws Exception {
        try (ZimArchive zim = open(which)) {
            ZimSearcher searcher = ZimSearcher.open(zim);
            assertThat(searcher.hasFulltextIndex()).isTrue();
            UnaryOperator<String> stem = Stemmers.forLanguage(zim.metadata("Language").orElse("eng"))
                    .orElse(UnaryOperator.identity());
            Set<String> queries = new LinkedHashSet<>();
            zim.entriesByPath().filter(e -> !e.isRedirect() && e.item().mimeType().startsWith("text/html"))
                    .map(Entry::title).forEach(t -> {
                        for (String w : words(t)) {
                            if (w.length() >= 4 && w.chars().allMatch(Character::isLetter)) {
                                queries.add(w);
                                queries.add(w + "s");
                            }
                        }
                    });
            assertThat(queries).hasSizeGreaterThan(20);
            int checked = 0;
            for (String q : queries) {
                SearchResults r = searcher.search(SearchRequest.of(q).withMode(SearchMode.IMPROVED));
                for (SearchHit h : r.results()) {
                    Entry e = (zim.hasNewNamespaceScheme() ? zim.findEntry('C', h.path())
                            : zim.findEntry(h.path())).orElseThrow();
                    byte[] html = e.item().content(4 << 20);
                    boolean pageHasIt = words(domText(html)).stream()
                            .anyMatch(w -> w.equals(q) || stem.apply(w).equals(stem.apply(q)));
                    if (!pageHasIt) {
                        continue;
                    }
                    checked++;
                    assertThat(h.snippet()).as("snippet of %s for %s", h.path(), q).isNotNull();
                    Matcher b = BOLD.matcher(h.snippet());
                    boolean shown = false;
                    while (b.find()) {
                        String w = b.group(1).toLowerCase(Locale.ROOT);
                        shown |= w.equals(q) || stem.apply(w).equals(stem.apply(q));
                    }
                    assertThat(shown).as("snippet of %s for '%s' shows the word: %s", h.path(), q, h.snippet()).isTrue();
                }
            }
            assertThat(checked).as("hits checked").isGreaterThan(50);
        }
    }
}
