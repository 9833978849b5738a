package io.burrow.mcp.gemini.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.gemini.GeminiUrl;
import io.burrow.mcp.gemini.GemtextDocument;
import io.burrow.mcp.gemini.GemtextDocument.Line;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the gemtext parser: total on any input, and a faithful inverse of rendering. */
final class GemtextParserPropertiesTest {

    private static final GeminiUrl BASE = GeminiUrl.parse("gemini://example.org/a/b.gmi");

    @Property(tries = 500)
    void parse_neverFails_andEveryLinkLineIsListed(@ForAll String text) {
        GemtextDocument d = GemtextParser.parse(text, BASE);
        long linkLines = d.lines().stream().filter(l -> l.type().equals("link")).count();
        assertThat(d.links()).hasSize((int) linkLines);
        for (Line l : d.lines()) {
            assertThat(l.type()).isIn("text", "link", "heading1", "heading2", "heading3", "list", "quote", "preformat");
            if (!l.type().equals("preformat")) {
                assertThat(l.text() == null ? "" : l.text()).doesNotContain("\n");
            }
        }
    }

    @Property(tries = 500)
    void parse_outsidePreformat_producesOneLinePerSourceLine(@ForAll("plainLines") List<String> lines) {
        String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        assertThat(GemtextParser.parse(text, BASE).lines()).hasSize(lines.size());
        String crlf = lines.isEmpty() ? "" : String.join("\r\n", lines) + "\r\n";
        assertThat(GemtextParser.parse(crlf, BASE).lines()).hasSize(lines.size());
    }

    @Property(tries = 300)
    void parse_ofRenderedLines_recoversTypesAndTexts(@ForAll("documents") List<Line> lines) {
        StringBuilder b = new StringBuilder();
        io.burrow.mcp.gemini.tools.internal.GeminiRendering.gemtext(b, lines);
        GemtextDocument d = GemtextParser.parse(b.toString(), u -> u);
        assertThat(d.lines()).isEqualTo(lines);
    }

    @Provide
    Arbitrary<List<String>> plainLines() {
        return Arbitraries.strings().withChars("abc =>#*`\t é").ofMaxLength(20)
                .filter(s -> !s.startsWith("```")).list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Line>> documents() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> words = word.list().ofMinSize(1).ofMaxSize(4).map(w -> String.join(" ", w));
        Arbitrary<Line> text = words.filter(s -> !s.startsWith("```")).map(s -> Line.of("text", s));
        Arbitrary<Line> heading = Combinators.combine(Arbitraries.integers().between(1, 3), words)
                .as((n, s) -> Line.of("heading" + n, s));
        Arbitrary<Line> list = words.map(s -> Line.of("list", s));
        Arbitrary<Line> quote = words.map(s -> Line.of("quote", s));
        Arbitrary<Line> link = Combinators.combine(word, words.injectNull(0.3))
                .as((u, l) -> new Line("link", l, "gemini://example.org/" + u, null));
        Arbitrary<Line> pre = Combinators.combine(words.list().ofMaxSize(3), word.injectNull(0.5))
                .as((ls, alt) -> new Line("preformat", String.join("\n", ls), null, alt))
                .filter(l -> !l.text().isEmpty());
        return Arbitraries.oneOf(text, heading, list, quote, link, pre).list().ofMaxSize(25).map(ArrayList::new);
    }
}
