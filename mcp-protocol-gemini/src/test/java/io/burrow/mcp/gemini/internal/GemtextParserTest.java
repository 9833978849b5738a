package io.burrow.mcp.gemini.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.gemini.GeminiUrl;
import io.burrow.mcp.gemini.GemtextDocument;
import io.burrow.mcp.gemini.GemtextDocument.Line;
import org.junit.jupiter.api.Test;

final class GemtextParserTest {

    private static final GeminiUrl BASE = GeminiUrl.parse("gemini://example.org/dir/page.gmi");

    @Test
    void parse_recognisesEveryLineType() {
        GemtextDocument d = GemtextParser.parse("""
                # One
                ## Two
                ### Three
                #### Four
                * item
                *not item
                > quote
                >tight
                => /a A link
                =>b\tTabbed
                =>
                plain  \r
                """, BASE);
        assertThat(d.lines()).containsExactly(
                Line.of("heading1", "One"), Line.of("heading2", "Two"), Line.of("heading3", "Three"),
                Line.of("heading3", "# Four"), Line.of("list", "item"), Line.of("text", "*not item"),
                Line.of("quote", "quote"), Line.of("quote", "tight"),
                new Line("link", "A link", "gemini://example.org/a", null),
                new Line("link", "Tabbed", "gemini://example.org/dir/b", null),
                Line.of("text", "=>"), Line.of("text", "plain"));
        assertThat(d.links()).extracting(GemtextDocument.Link::url)
                .containsExactly("gemini://example.org/a", "gemini://example.org/dir/b");
    }

    @Test
    void parse_preformattedBlocks_keepTheirLinesVerbatim() {
        GemtextDocument d = GemtextParser.parse("```py code\n=> not/a/link\n# not heading\n\tindented  \n```\nafter\n```\nopen", BASE);
        assertThat(d.lines()).containsExactly(
                new Line("preformat", "=> not/a/link\n# not heading\n\tindented  ", null, "py code"),
                Line.of("text", "after"),
                new Line("preformat", "open", null, null));
        assertThat(d.links()).isEmpty();
    }

    @Test
    void parse_emptyPreformatLinesAreKept() {
        GemtextDocument d = GemtextParser.parse("```\n\nx\n\n```\n", BASE);
        assertThat(d.lines().get(0).text()).isEqualTo("\nx\n");
    }

    @Test
    void parse_finalNewlineDoesNotAddALine_butBlankLinesStay() {
        assertThat(GemtextParser.parse("a\n\nb\n", BASE).lines()).containsExactly(
                Line.of("text", "a"), Line.of("text", ""), Line.of("text", "b"));
        assertThat(GemtextParser.parse("", BASE).lines()).isEmpty();
    }

    @Test
    void parse_keepsNonGeminiLinksAbsolute() {
        GemtextDocument d = GemtextParser.parse("=> https://example.com/x Web\n=> gopher://g.example:70/1/ Hole\n", BASE);
        assertThat(d.links()).extracting(GemtextDocument.Link::url)
                .containsExactly("https://example.com/x", "gopher://g.example:70/1/");
    }
}
