package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random tag soup (no scoping elements): the renderer never throws, keeps its invariants and loses no text. */
final class ArticleParserFuzzTest {

    private static final String[] TAGS = {"p", "div", "span", "b", "i", "em", "strong", "code", "pre", "ul", "ol",
        "li", "dl", "dt", "dd", "table", "tr", "td", "th", "thead", "caption", "blockquote", "h1", "h2", "h3", "h4",
        "section", "sup", "s", "q", "figure", "figcaption", "details", "summary", "br", "hr"};

    private static final String[] OPEN_EXTRAS = {"<a href='Other.html'>", "<a href='Missing.html'>",
        "<a href='http://e.org/x'>", "<a href='#frag'>", "<a name='n'>", "<img src='img.png' alt=''>",
        "<td colspan='2'>", "<th rowspan='3'>", "<div class='admonition'>", "<div class='hatnote'>",
        "<section id='s'>", "<h2 id='dup'>", "<span id='anchor'></span>", "<dt class='sig'>", "<ol start='7'>",
        "<!-- comment -->", "<script>var q = 1;</script>", "<![CDATA[x]]>", "<td colspan='x'>"};

    private static final String[] TEXTS = {" ", "\n", "  \t ", "*", "_", "`", "#", "1.", "- ", "> ", "|", "[", "](",
        "\\", "&amp;", "&lt;", "~~", "!", "```", "==="};

    private static final Pattern WORD = Pattern.compile("w\\d+");

    @Provide
    Arbitrary<List<String>> soup() {
        Arbitrary<String> open = Arbitraries.of(TAGS).map(t -> "<" + t + ">");
        Arbitrary<String> close = Arbitraries.of(TAGS).map(t -> "</" + t + ">");
        Arbitrary<String> extra = Arbitraries.of(OPEN_EXTRAS);
        Arbitrary<String> word = Arbitraries.integers().between(0, 9999).map(n -> " w" + n + " ");
        Arbitrary<String> punct = Arbitraries.of(TEXTS);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, open), net.jqwik.api.Tuple.of(4, close), net.jqwik.api.Tuple.of(2, extra),
                net.jqwik.api.Tuple.of(6, word), net.jqwik.api.Tuple.of(3, punct))
                .list().ofMaxSize(250);
    }

    @Property(tries = 400)
    void tagSoup_rendersEveryWord(@ForAll("soup") List<String> tokens) {
        String body = String.join("", tokens);
        FakeResolver resolver = new FakeResolver().html("wiki/Other.html").entry("wiki/img.png", "image/png");

        Article a = ArticleParserTest.parse("<html><body>" + body + "</body></html>", "wiki/Page.html", resolver);

        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(body);
        while (m.find()) {
            words.add(m.group());
        }
        String all = a.title() + "\n" + a.markdown();
        for (String w : words) {
            assertThat(all).as("word %s of\n%s", w, body).contains(w);
        }
        assertThat(a.summary(80)).hasSizeLessThanOrEqualTo(80);
    }
}
