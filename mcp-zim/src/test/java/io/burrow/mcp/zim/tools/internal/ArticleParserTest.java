package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

final class ArticleParserTest {

    private static final String URI = "zim://t/";

    static Article parse(String html, String entryPath, EntryResolver resolver) {
        Article a = ArticleParser.parse(html, entryPath, resolver, p -> URI + p);
        checkInvariants(a);
        return a;
    }

    static Article parse(String body) {
        return parse("<html><head><title>Page title</title></head><body>" + body + "</body></html>", "wiki/Page.html",
                new FakeResolver());
    }

    static Article parse(String body, FakeResolver resolver) {
        return parse("<html><body>" + body + "</body></html>", "wiki/Page.html", resolver);
    }

    /** What every article must satisfy, whatever its input. */
    static void checkInvariants(Article a) {
        String md = a.markdown();
        assertThat(md).doesNotStartWith("\n");
        if (!md.isEmpty()) {
            assertThat(md).endsWith("\n").doesNotEndWith("\n\n");
        }
        Set<String> ids = new HashSet<>();
        int previousStart = -1;
        for (Section s : a.sections()) {
            assertThat(ids.add(s.id())).as("unique id %s", s.id()).isTrue();
            String heading = md.substring(s.start(), s.bodyStart());
            assertThat(heading).startsWith("#".repeat(s.level()) + " ").endsWith("\n");
            assertThat(heading.indexOf('\n')).isEqualTo(heading.length() - 1);
            assertThat(s.start() == 0 || md.charAt(s.start() - 1) == '\n').isTrue();
            assertThat(s.start()).isGreaterThan(previousStart);
            assertThat(s.bodyStart()).isLessThanOrEqualTo(s.ownEnd());
            assertThat(s.ownEnd()).isLessThanOrEqualTo(s.end());
            assertThat(s.end()).isLessThanOrEqualTo(md.length());
            previousStart = s.start();
        }
        for (int i = 0; i < a.sections().size(); i++) {
            Section s = a.sections().get(i);
            int next = i + 1 < a.sections().size() ? a.sections().get(i + 1).start() : md.length();
            assertThat(s.ownEnd()).isEqualTo(next);
        }
        assertThat(a.leadEnd()).isEqualTo(a.sections().isEmpty() ? md.length() : a.sections().get(0).start());
        // no two blank lines in a row outside code blocks
        String fence = null;
        int blanks = 0;
        for (String line : md.split("\n", -1)) {
            String content = line.replaceFirst("^(?:[ >]|\\d+[.)] |[-*+] )*", ""); // quote and list markers
            int ticks = 0;
            while (ticks < content.length() && content.charAt(ticks) == '`') {
                ticks++;
            }
            if (fence == null && ticks >= 3) {
                fence = content.substring(0, ticks);
            } else if (fence != null && ticks >= fence.length() && ticks == content.strip().length()) {
                fence = null;
            }
            blanks = fence == null && content.isBlank() ? blanks + 1 : 0;
            assertThat(blanks).as("blank lines in\n%s", md).isLessThan(2);
        }
    }

    @Nested
    final class Headings {

        @Test
        void singleH1_isTheTitleAndNotInTheMarkdown() {
            Article a = parse("<h1>The <i>Title</i></h1><p>Lead.</p><h2>First</h2><p>Body.</p>");

            assertThat(a.title()).isEqualTo("The Title");
            assertThat(a.markdown()).isEqualTo("Lead.\n\n## First\n\nBody.\n");
            assertThat(a.sections()).singleElement().satisfies(s -> {
                assertThat(s.title()).isEqualTo("First");
                assertThat(s.level()).isEqualTo(2);
                assertThat(a.markdown().substring(s.start(), s.bodyStart())).isEqualTo("## First\n");
            });
            assertThat(a.leadEnd()).isEqualTo(a.markdown().indexOf("## First"));
        }

        @Test
        void noH1_titleComesFromTheTitleElement() {
            Article a = parse("<h2>Only</h2><p>x</p>");

            assertThat(a.title()).isEqualTo("Page title");
            assertThat(a.sections()).extracting(Section::title).containsExactly("Only");
        }

        @Test
        void severalH1_areLevelOneSections() {
            Article a = parse("<h1>One</h1><p>a</p><h2>One.a</h2><p>b</p><h1>Two</h1><p>c</p>");

            assertThat(a.title()).isEqualTo("One");
            assertThat(a.sections()).extracting(Section::title, Section::level, Section::parentId)
                    .containsExactly(tuple("One", 1, null), tuple("One.a", 2, "one"), tuple("Two", 1, null));
            assertThat(a.markdown()).startsWith("# One\n\na\n\n## One.a\n");
        }

        @Test
        void offsets_ownEndStopsAtAnyHeading_endAtTheSameOrHigherLevel() {
            String md = parse("<h2>A</h2><p>a a</p><h3>B</h3><p>b</p><h4>C</h4><p>c</p><h3>D</h3><p>d</p>"
                    + "<h2>E</h2><p>e</p>").markdown();
            List<Section> s = parse("<h2>A</h2><p>a a</p><h3>B</h3><p>b</p><h4>C</h4><p>c</p><h3>D</h3><p>d</p>"
                    + "<h2>E</h2><p>e</p>").sections();

            assertThat(s).extracting(Section::id).containsExactly("a", "b", "c", "d", "e");
            assertThat(s).extracting(Section::parentId).containsExactly(null, "a", "b", "a", null);
            assertThat(s.get(0).ownEnd()).isEqualTo(s.get(1).start());
            assertThat(s.get(0).end()).isEqualTo(s.get(4).start());
            assertThat(s.get(1).end()).isEqualTo(s.get(3).start());
            assertThat(s.get(2).end()).isEqualTo(s.get(3).start());
            assertThat(s.get(4).end()).isEqualTo(md.length());
            assertThat(md.substring(s.get(1).start(), s.get(1).end())).isEqualTo("### B\n\nb\n\n#### C\n\nc\n\n");
            assertThat(s.get(0).wordCount()).isEqualTo(2);
            assertThat(s.get(0).charCount()).isEqualTo(3);
        }

        @Test
        void emptySection_countsNothing() {
            Section s = parse("<h2>Empty</h2><h2>Full</h2><p>one two three</p>").sections().get(0);

            assertThat(s.wordCount()).isZero();
            assertThat(s.charCount()).isZero();
        }

        @Test
        void wordCount_ignoresMarkdownPunctuation() {
            Section s = parse("<h2>L</h2><ul><li>alpha</li><li><a href='http://x.org/'>beta</a> gamma</li></ul>"
                    + "<hr><p>— delta</p>").sections().get(0);

            assertThat(s.wordCount()).isEqualTo(4);
        }

        @Test
        void ids_fromEachSourceInOrderOfPreference() {
            Article a = parse("<h2 id='own'>Own</h2>"
                    + "<section id='sec'><h2>Sectioned</h2><p>x</p><h3>Second in section</h3></section>"
                    + "<div class='section' id='sphinx-old'><h2>Div section</h2></div>"
                    + "<h2><a name='inner'></a>Inner</h2>"
                    + "<h2><span id='span-inner'>Inner span</span></h2>"
                    + "<span id='a1'></span><span id='a2'></span>\n<h2>Preceded</h2>"
                    + "<h2>Plain Heading, with Ümlauts!</h2>");

            assertThat(a.sections()).extracting(Section::id, Section::idSource).containsExactly(
                    tuple("own", "id"),
                    tuple("sec", "section"),
                    tuple("second-in-section", "slug"),
                    tuple("sphinx-old", "section"),
                    tuple("inner", "descendant_anchor"),
                    tuple("span-inner", "descendant_anchor"),
                    tuple("a2", "preceding_anchor"),
                    tuple("plain-heading-with-ümlauts", "slug"));
        }

        @Test
        void precedingAnchor_mustBeEmptyAndAdjacent() {
            Article a = parse("<span id='x'>text</span><h2>Not anchor</h2><a name='y'></a>words<h2>Not adjacent</h2>");

            assertThat(a.sections()).extracting(Section::idSource).containsOnly("slug");
        }

        @Test
        void duplicateIds_getSuffixesInDocumentOrder() {
            Article a = parse("<h2>Notes</h2><h2>Notes</h2><h2 id='notes'>Other</h2><h3>Notes</h3>"
                    + "<h2>Notes 2</h2>");

            assertThat(a.sections()).extracting(Section::id)
                    .containsExactly("notes", "notes-2", "notes-3", "notes-4", "notes-2-2");
        }

        @Test
        void emptyHeadings_areNotSections() {
            Article a = parse("<h2> </h2><h2><span></span></h2><p>text</p><h3>Real</h3>");

            assertThat(a.sections()).extracting(Section::title).containsExactly("Real");
        }

        @Test
        void headingsInsideContainers_areBoldParagraphs() {
            Article a = parse("<ul><li><h3>In list</h3>text</li></ul><blockquote><h2>Quoted</h2></blockquote>"
                    + "<table><tr><td><h4>Cell</h4></td><td>b</td></tr></table>");

            assertThat(a.markdown()).contains("- **In list**\n").contains("> **Quoted**\n");
            assertThat(a.sections()).extracting(Section::title).containsExactly("Cell");
        }

        @Test
        void headingLine_keepsInlineMarkupOnOneLine() {
            Article a = parse("<h2>The <code>os</code> module<br>and <a href='http://e.org/'>more</a></h2>");

            assertThat(a.markdown()).isEqualTo("## The `os` module and [more](http://e.org/)\n");
            assertThat(a.sections().get(0).title()).isEqualTo("The os module and more");
        }

        @Test
        void trailingHashes_areEscapedSoTheyStayInTheTitle() {
            assertThat(parse("<h2>C #</h2>").markdown()).isEqualTo("## C \\#\n");
            assertThat(parse("<h2>C#</h2>").markdown()).isEqualTo("## C#\n");
        }
    }

    @Nested
    final class Scope {

        @Test
        void mainContent_isPreferredOverTheRestOfTheBody() {
            Article a = parse("<div>outside</div><div role='main'><p>inside</p></div><main>other</main>");

            assertThat(a.markdown()).isEqualTo("inside\n");
        }

        @Test
        void scopes_inOrderOfPreference() {
            assertThat(parse("<div id='content'><p>c</p><div id='mw-content-text'><p>mw</p></div></div>").markdown())
                    .isEqualTo("mw\n");
            assertThat(parse("<div>x</div><article><p>art</p></article>").markdown()).isEqualTo("art\n");
            assertThat(parse("<div class='sphinxsidebar'>s</div><div class='body'><p>sphinx</p></div>").markdown())
                    .isEqualTo("sphinx\n");
        }

        @Test
        void h1OutsideTheScope_titleFromTheTitleElement() {
            Article a = parse("<h1>Outside</h1><main><p>text</p></main>");

            assertThat(a.title()).isEqualTo("Page title");
        }
    }

    @Nested
    final class Boilerplate {

        @Test
        void boilerplate_isLeftOutWithItsLinks() {
            Article a = parse("<div id='header'><a href='Home.html'>Home</a></div>"
                    + "<nav><a href='N.html'>nav</a></nav>"
                    + "<script>var x = 1;</script><style>p {}</style><noscript>js</noscript><template>t</template>"
                    + "<p>Keep<sup class='reference'><a href='#cite-1'>[1]</a></sup> this"
                    + "<span class='mw-editsection'>[<a href='Edit.html'>edit</a>]</span>.</p>"
                    + "<!-- a comment -->"
                    + "<div class='navbox'>navbox</div><table class='vertical-navbox'><tr><td>v</td></tr></table>"
                    + "<a class='mw-jump-link' href='#top'>Jump</a><div id='toc'>contents</div><div class='toc'>t</div>"
                    + "<form><input value='q'><button>Go</button></form>"
                    + "<div role='navigation'>rn</div><div class='noprint'>np</div><table class='metadata'>"
                    + "<tr><td>banner</td></tr></table>"
                    + "<p hidden>hidden</p><p style='color: red; DISPLAY : none'>invisible</p>"
                    + "<footer>foot</footer><div id='footer'>f</div><div class='footer'>f2</div>"
                    + "<div class='related'>prev next</div>");

            assertThat(a.markdown()).isEqualTo("Keep this.\n");
            assertThat(a.links()).isEmpty();
        }

        @Test
        void sphinxHeaderlinks_areLeftOut() {
            Article a = parse("<div class='body'><section id='s'><h1>Mod<a class='headerlink' href='#s'>¶</a></h1>"
                    + "<section id='t'><h2>Part<a class='headerlink' href='#t'>¶</a></h2></section></section></div>");

            assertThat(a.title()).isEqualTo("Mod");
            assertThat(a.markdown()).isEqualTo("## Part\n");
        }

        @Test
        void pageHeaderHoldingTheHeading_isKept() {
            Article a = parse("<article><header><h1>Title</h1><p>by someone</p></header><p>Body</p></article>");

            assertThat(a.title()).isEqualTo("Title");
            assertThat(a.markdown()).isEqualTo("by someone\n\nBody\n");
        }

        @Test
        void referenceLists_stayWithoutBacklinks() {
            Article a = parse("<p>Text.</p><ol class='references'><li id='cite-1'><span class='mw-cite-backlink'>"
                    + "<a href='#ref-1'>^</a></span> <span class='reference-text'>A source.</span></li></ol>");

            assertThat(a.markdown()).isEqualTo("Text.\n\n1. A source.\n");
        }
    }

    @Nested
    final class Blocks {

        @Test
        void inlineMarkup() {
            Article a = parse("<p>An <em>emphasis</em>, <strong>strong</strong>, <b><i>both</i></b>, <code>code</code>,"
                    + " <del>gone</del>, x<sup>2</sup>, H<sub>2</sub>O, <q>quoted</q>, <kbd>Ctrl</kbd>.</p>");

            assertThat(a.markdown()).isEqualTo("An *emphasis*, **strong**, ***both***, `code`, ~~gone~~, x<sup>2</sup>,"
                    + " H<sub>2</sub>O, “quoted”, `Ctrl`.\n");
        }

        @Test
        void whitespace_collapsesAndStaysOutsideMarkup() {
            Article a = parse("<p>  a<b> b </b>c\n\n\t d<em></em>e <i> </i> f</p>");

            assertThat(a.markdown()).isEqualTo("a **b** c de f\n");
        }

        @Test
        void nestedEmphasis_isNotDoubled() {
            assertThat(parse("<p><b>x <strong>y</strong></b> <i>a <em>b</em></i></p>").markdown())
                    .isEqualTo("**x y** *a b*\n");
        }

        @Test
        void codeSpans_withBackticks() {
            assertThat(parse("<p><code>a`b</code> <code>`x`</code></p>").markdown()).isEqualTo("``a`b`` `` `x` ``\n");
        }

        @Test
        void sphinxCode_spansJoinWithTheirSpaces() {
            Article a = parse("<p><code class='docutils literal'><span class='pre'>x</span> <span class='pre'>or</span>"
                    + " <span class='pre'>y</span></code></p>");

            assertThat(a.markdown()).isEqualTo("`x or y`\n");
        }

        @Test
        void lineBreaks_areHardBreaks() {
            assertThat(parse("<p>one<br>two<br><br>three<br></p>").markdown()).isEqualTo("one  \ntwo  \nthree\n");
        }

        @Test
        void markdownCharactersInText_areEscaped() {
            Article a = parse("<p># not a heading</p><p>1. not a list</p><p>- nor this</p><p>&gt; nor a quote</p>"
                    + "<p>a*b*c _d_ snake_case 2 * 3 `tick` [x](y) &lt;tag&gt;</p>");

            assertThat(a.markdown()).isEqualTo("\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n\n\\> nor a quote\n\n"
                    + "a\\*b\\*c \\_d\\_ snake_case 2 * 3 \\`tick\\` [x\\](y) \\<tag>\n");
        }

        @Test
        void lists_nestedOrderedAndWithParagraphs() {
            Article a = parse("<p>Intro</p><ul><li>one<ul><li>one.a</li><li>one.b<ol start='3'><li>three</li>"
                    + "<li>four</li></ol></li></ul></li><li><p>two</p><p>second paragraph</p></li><li></li></ul>"
                    + "<p>After</p>");

            assertThat(a.markdown()).isEqualTo("""
                    Intro

                    - one
                      - one.a
                      - one.b
                        3. three
                        4. four
                    - two

                      second paragraph

                    After
                    """);
        }

        @Test
        void commentsAndScriptsInsideLists_areIgnored() {
            assertThat(parse("<ul><!-- c --><li>a</li><script>x()</script><li>b</li></ul>").markdown())
                    .isEqualTo("- a\n- b\n");
        }

        @Test
        void listDirectlyInsideAList_isNestedUnderThePreviousItem() {
            assertThat(parse("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>").markdown())
                    .isEqualTo("- a\n  - b\n- c\n");
        }

        @Test
        void blockquotes_nestAndKeepTheirBlankLines() {
            Article a = parse("<p>Before</p><blockquote><p>q1</p><p>q2</p><blockquote>inner</blockquote></blockquote>");

            assertThat(a.markdown()).isEqualTo("Before\n\n> q1\n>\n> q2\n>\n> > inner\n");
        }

        @Test
        void sphinxAdmonitions_areQuotesWithABoldTitle() {
            Article a = parse("<div class='admonition note'><p class='admonition-title'>Note</p><p>Careful.</p></div>");

            assertThat(a.markdown()).isEqualTo("> **Note**\n>\n> Careful.\n");
        }

        @Test
        void codeBlocks_fencedWithTheirLanguage() {
            Article a = parse("<div class='highlight-python3 notranslate'><div class='highlight'><pre>"
                    + "<span class='k'>def</span> f():\n    return 1\n</pre></div></div>"
                    + "<pre><code class='language-js'>let a = 1;</code></pre>"
                    + "<div class='highlight-default'><pre>plain</pre></div>"
                    + "<pre>has ``` fence<br>second line</pre>");

            assertThat(a.markdown()).isEqualTo("""
                    ```python
                    def f():
                        return 1
                    ```

                    ```js
                    let a = 1;
                    ```

                    ```
                    plain
                    ```

                    ````
                    has ``` fence
                    second line
                    ````
                    """);
        }

        @Test
        void codeBlockInAListItem_isIndented() {
            assertThat(parse("<ul><li>Run:<pre>a\n\nb</pre></li></ul>").markdown())
                    .isEqualTo("- Run:\n\n  ```\n  a\n\n  b\n  ```\n");
        }

        @Test
        void definitionLists_termsInBoldDefinitionsBelow() {
            Article a = parse("<dl><dt>Term</dt><dd>Meaning.</dd><dt>A</dt><dt>B</dt><dd><p>Both.</p><p>More.</p>"
                    + "</dd></dl>");

            assertThat(a.markdown()).isEqualTo("**Term**\n\nMeaning.\n\n**A**\n**B**\n\nBoth.\n\nMore.\n");
        }

        @Test
        void sphinxSignatures_areCode_nestedDefinitionsIndented() {
            Article a = parse("<dl class='py class'><dt class='sig sig-object py' id='m.C'><em class='property'>"
                    + "<span class='pre'>class</span> </em><span class='sig-prename descclassname'>m.</span>"
                    + "<span class='sig-name descname'>C</span><span class='sig-paren'>(</span><em class='sig-param'>"
                    + "<span class='n'>x</span></em><span class='sig-paren'>)</span>"
                    + "<a class='headerlink' href='#m.C'>¶</a></dt><dd><p>A class.</p>"
                    + "<dl class='py method'><dt class='sig sig-object py'><span class='sig-name descname'>run"
                    + "</span><span class='sig-paren'>(</span><span class='sig-paren'>)</span></dt>"
                    + "<dd><p>Runs.</p></dd></dl></dd></dl>");

            assertThat(a.markdown()).isEqualTo("`class m.C(x)`\n\nA class.\n\n  `run()`\n\n  Runs.\n");
            assertThat(a.links()).isEmpty();
        }

        @Test
        void images_andFigures() {
            FakeResolver r = new FakeResolver().entry("img/a.png", "image/png");
            Article a = parse("<figure><img src='../img/a.png' alt='An [a]'><figcaption>Caption</figcaption></figure>"
                    + "<p><img src='../img/a.png'> <img src='../img/missing.png' alt='gone'>"
                    + " <img src='data:image/png;base64,xx' alt='inline'></p>", r);

            assertThat(a.markdown()).isEqualTo("![An \\[a\\]](zim://t/img/a.png)\n\nCaption\n\n"
                    + "![](zim://t/img/a.png) gone inline\n");
        }

        @Test
        void lazyImages_useDataSrc() {
            FakeResolver r = new FakeResolver().entry("img/a.png", "image/png");
            Article a = parse("<p><img src='data:image/gif;base64,R0' data-src='../img/a.png' alt='a'></p>", r);

            assertThat(a.markdown()).isEqualTo("![a](zim://t/img/a.png)\n");
            assertThat(a.links()).extracting(Link::href).containsExactly("../img/a.png");
        }

        @Test
        void horizontalRules_andEmptyBlocks() {
            assertThat(parse("<p>a</p><div> <p> </p></div><hr><p></p><p>b</p>").markdown()).isEqualTo("a\n\n---\n\nb\n");
        }

        @Test
        void textBesideBlocks_becomesParagraphs() {
            assertThat(parse("loose <b>text</b><div>block</div>tail").markdown())
                    .isEqualTo("loose **text**\n\nblock\n\ntail\n");
        }

        @Test
        void inlineElementHoldingBlocks_rendersItsBlocks() {
            assertThat(parse("<span><p>one</p><p>two</p></span>").markdown()).isEqualTo("one\n\ntwo\n");
        }

        @Test
        void math_usesItsTexAnnotation() {
            Article a = parse("<p>So <math alttext='x^2'><semantics><mi>x</mi><annotation encoding='application/x-tex'>"
                    + "x^{2}</annotation></semantics></math>.</p>");

            assertThat(a.markdown()).isEqualTo("So $x^{2}$.\n");
        }
    }

    @Nested
    final class Tables {

        @Test
        void simpleTable_isAPipeTable() {
            Article a = parse("<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody>"
                    + "<tr><td>a|b</td><td><p>multi<br>line</p></td></tr><tr><td>short</td></tr></tbody></table>");

            assertThat(a.markdown()).isEqualTo("""
                    | Name | Value |
                    | --- | --- |
                    | a\\|b | multi line |
                    | short | |
                    """);
        }

        @Test
        void tableWithoutHeaderRow_getsAnEmptyHeader() {
            Article a = parse("<table><caption>Cap</caption><tr><th>k</th><td>v</td></tr><tr><th>k2</th><td>v2</td>"
                    + "</tr></table>");

            assertThat(a.markdown()).isEqualTo("""
                    **Cap**

                    | | |
                    | --- | --- |
                    | **k** | v |
                    | **k2** | v2 |
                    """);
        }

        @Test
        void spannedCells_degradeToRowsAsAListWithoutLosingText() {
            Article a = parse("<table class='infobox'><tr><th colspan='2'>Mars</th></tr>"
                    + "<tr><th>Orbit</th><td>687 d</td></tr><tr><td rowspan='2'>a</td><td>b</td></tr>"
                    + "<tr><td>c</td></tr><tr><td></td><td></td></tr></table>");

            assertThat(a.markdown()).isEqualTo("- **Mars**\n- **Orbit**: 687 d\n- a | b\n- c\n");
        }

        @Test
        void nestedTables_degradeToRows() {
            Article a = parse("<table><tr><td>outer</td><td><table><tr><td>in1</td><td>in2</td></tr>"
                    + "<tr><td>in3</td><td>in4</td></tr></table></td></tr></table>");

            assertThat(a.markdown()).isEqualTo("- outer | in1 in2 in3 in4\n");
        }

        @Test
        void layoutTables_renderTheirCellsAsContent() {
            assertThat(parse("<table><tr><td><h2>Inside</h2><p>text</p></td></tr></table>").sections())
                    .extracting(Section::title).containsExactly("Inside");
            assertThat(parse("<table><tr><td><p>a</p><p>b</p><p>c</p></td><td>d</td></tr></table>").markdown())
                    .isEqualTo("a\n\nb\n\nc\n\nd\n");
            assertThat(parse("<table><tr><td>" + "word ".repeat(200) + "</td><td>d</td></tr></table>").markdown())
                    .doesNotContain("|");
        }

        @Test
        void contentOutsideCells_isKept() {
            // past jsoup's depth limit (512) content lands in the table's structure, outside any cell
            String html = "<table><tr><td>".repeat(200) + "<p>deep text</p>" + "</td></tr></table>".repeat(200);

            assertThat(parse(html).markdown()).isEqualTo("deep text\n");
        }

        @Test
        void listsInCells_stayOnTheRow() {
            assertThat(parse("<table><tr><th>a</th><th>b</th></tr><tr><td><ul><li>x</li><li>y</li></ul></td>"
                    + "<td>z</td></tr></table>").markdown()).contains("| • x • y | z |");
        }
    }

    @Nested
    final class Links {

        private final FakeResolver resolver = new FakeResolver()
                .html("wiki/Page.html", "wiki/Other.html", "wiki/Zürich.html", "wiki/A (b).html", "index.html")
                .entry("images/logo.png", "image/png")
                .entry("media/clip.webm", "video/webm")
                .redirect("wiki/Alias.html", "wiki/Other.html");

        @Test
        void internalLinks_areRewrittenAndListedInOrder() {
            Article a = parse("<p><a href='Other.html'>Other</a>, <a href='./Other.html#History'>its history</a>,"
                    + " <a href='Alias.html'>alias</a>, <a href='Z%C3%BCrich.html'>Zürich</a>,"
                    + " <a href='../index.html?x=1'>home</a>, <a href='/wiki/A%20(b).html'>A b</a></p>", resolver);

            assertThat(a.markdown()).isEqualTo("[Other](zim://t/wiki/Other.html), [its history](zim://t/wiki/Other.html),"
                    + " [alias](zim://t/wiki/Other.html), [Zürich](zim://t/wiki/Zürich.html),"
                    + " [home](zim://t/index.html), [A b](<zim://t/wiki/A (b).html>)\n");
            assertThat(a.links()).extracting(Link::href, Link::text, Link::kind, Link::path, Link::mimeType)
                    .containsExactly(
                            tuple("Other.html", "Other", Link.Kind.INTERNAL, "wiki/Other.html", "text/html"),
                            tuple("./Other.html#History", "its history", Link.Kind.INTERNAL, "wiki/Other.html",
                                    "text/html"),
                            tuple("Alias.html", "alias", Link.Kind.INTERNAL, "wiki/Other.html", "text/html"),
                            tuple("Z%C3%BCrich.html", "Zürich", Link.Kind.INTERNAL, "wiki/Zürich.html", "text/html"),
                            tuple("../index.html?x=1", "home", Link.Kind.INTERNAL, "index.html", "text/html"),
                            tuple("/wiki/A%20(b).html", "A b", Link.Kind.INTERNAL, "wiki/A (b).html", "text/html"));
        }

        @Test
        void missingTargets_arePlainTextButListed() {
            Article a = parse("<p>See <a href='Nowhere.html'>nowhere <b>at all</b></a> and "
                    + "<a href='../../../etc/passwd'>escape</a>.</p>", resolver);

            assertThat(a.markdown()).isEqualTo("See nowhere **at all** and escape.\n");
            assertThat(a.links()).extracting(Link::href, Link::text, Link::kind, Link::path).containsExactly(
                    tuple("Nowhere.html", "nowhere at all", Link.Kind.INTERNAL, null),
                    tuple("../../../etc/passwd", "escape", Link.Kind.INTERNAL, null));
        }

        @Test
        void externalLinks_areKept() {
            Article a = parse("<p><a href='https://example.org/a_(b)'>web</a> <a href='gemini://g.org/'>gem</a>"
                    + " <a href='gopher://h.org/1/'>hole</a> <a href='//cdn.org/x'>cdn</a>"
                    + " <a href='http://e.org/a b'>spaced</a></p>", resolver);

            assertThat(a.markdown()).isEqualTo("[web](https://example.org/a_(b)) [gem](gemini://g.org/)"
                    + " [hole](gopher://h.org/1/) [cdn](//cdn.org/x) [spaced](<http://e.org/a b>)\n");
            assertThat(a.links()).extracting(Link::kind).containsOnly(Link.Kind.EXTERNAL);
            assertThat(a.links()).extracting(Link::path).containsOnlyNulls();
        }

        @Test
        void nonNavigableAndFragmentLinks_arePlainAndNotListed() {
            Article a = parse("<p><a href='javascript:void(0)'>js</a> <a href='mailto:a@b.org'>mail</a>"
                    + " <a href='data:text/plain,x'>data</a> <a href='#top'>top</a> <a href=''>empty</a>"
                    + " <a name='anchor'>anchor</a> <a href='tel:123'>call</a></p>", resolver);

            assertThat(a.markdown()).isEqualTo("js mail data top empty anchor call\n");
            assertThat(a.links()).isEmpty();
        }

        @Test
        void media_imagesSourcesAndLinksToMedia() {
            Article a = parse("<p><a href='../images/logo.png'>the logo</a> <img src='../images/logo.png' alt='logo'>"
                    + " <img src='https://e.org/x.png' alt='ext'></p><video><source src='../media/clip.webm'></video>",
                    resolver);

            assertThat(a.links()).extracting(Link::href, Link::kind, Link::path, Link::mimeType).containsExactly(
                    tuple("../images/logo.png", Link.Kind.MEDIA, "images/logo.png", "image/png"),
                    tuple("../images/logo.png", Link.Kind.MEDIA, "images/logo.png", "image/png"),
                    tuple("https://e.org/x.png", Link.Kind.MEDIA, null, null),
                    tuple("../media/clip.webm", Link.Kind.MEDIA, "media/clip.webm", "video/webm"));
            assertThat(a.markdown()).isEqualTo("[the logo](zim://t/images/logo.png) ![logo](zim://t/images/logo.png)"
                    + " ![ext](https://e.org/x.png)\n\n[video: clip.webm](zim://t/media/clip.webm)\n");
        }

        @Test
        void oldSchemeRelativePaths_resolveAcrossNamespaces() {
            FakeResolver old = new FakeResolver().html("A/Foo", "A/Bar").entry("I/x.png", "image/png");
            Article a = parse("<html><body><p><a href='Bar'>bar</a> <img src='../I/x.png' alt='x'>"
                    + " <a href='../../I/x.png'>too far</a></p></body></html>", "A/Foo", old);

            assertThat(a.links()).extracting(Link::path).containsExactly("A/Bar", "I/x.png", null);
            assertThat(old.lookups).containsExactly("A/Bar", "I/x.png");
        }

        @Test
        void lookups_areCachedWithinOneParse() {
            Article a = parse("<p><a href='Other.html'>1</a> <a href='Other.html'>2</a> <a href='./Other.html'>3</a>"
                    + " <a href='Missing.html'>4</a> <a href='Missing.html'>5</a></p>", resolver);

            assertThat(a.links()).hasSize(5);
            assertThat(resolver.lookups).containsExactly("wiki/Other.html", "wiki/Missing.html");
        }

        @Test
        void codeWrappingALink_isALinkAroundCode() {
            Article a = parse("<p><code><a href='Other.html'>f()</a></code> <a href='Other.html'><code>g()</code></a>"
                    + "</p>", resolver);

            assertThat(a.markdown()).isEqualTo("[`f()`](zim://t/wiki/Other.html) [`g()`](zim://t/wiki/Other.html)\n");
        }

        @Test
        void unknownSchemes_areTriedAsPathsFirst() {
            FakeResolver r = new FakeResolver().html("wiki/Help:Contents");
            Article a = parse("<p><a href='Help:Contents'>help</a> <a href='foo:bar'>foo</a></p>", r);

            assertThat(a.links()).extracting(Link::kind, Link::path).containsExactly(
                    tuple(Link.Kind.INTERNAL, "wiki/Help:Contents"), tuple(Link.Kind.EXTERNAL, null));
        }
    }

    @Nested
    final class Summary {

        @Test
        void summary_takesLeadParagraphsSkippingHatnotesAndOtherBlocks() {
            Article a = parse("<h1>T</h1><div class='hatnote'>For other uses, see T (disambiguation).</div>"
                    + "<p><img src='x.png' alt=''></p><table><tr><td>a</td><td>b</td></tr></table>"
                    + "<p>First paragraph.</p><ul><li>item</li></ul><p>Second <b>one</b>.</p>"
                    + "<h2>S</h2><p>Not in the lead.</p>");

            assertThat(a.markdown()).startsWith("> For other uses, see T (disambiguation).\n");
            assertThat(a.summary(1000)).isEqualTo("First paragraph.\n\nSecond **one**.");
        }

        @Test
        void summary_isCutOnAWordBoundaryWithinTheLimit() {
            Article a = parse("<p>alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu.</p>");

            String s = a.summary(30);
            assertThat(s).hasSizeLessThanOrEqualTo(30).endsWith("…").isEqualTo("alpha beta gamma delta…");
            assertThat(a.summary(0)).isEmpty();
            assertThat(a.summary(5)).isEqualTo("alph…");
        }

        @Test
        void summary_neverCutsInsideALink() {
            Article a = parse("<p>See <a href='http://example.org/long/path'>the very long link text</a> now.</p>");

            assertThat(a.summary(30)).isEqualTo("See…");
        }

        @Test
        void summary_fallsBackToTheFirstParagraphsWhenTheLeadHasNone() {
            Article a = parse("<h2>Start</h2><p>Body text.</p>");

            assertThat(a.summary(100)).isEqualTo("Body text.");
        }

        @Test
        void summary_skipsSignaturesAndAdmonitions() {
            Article a = parse("<dl><dt class='sig'>f(x)</dt><dd><p>Does f.</p></dd></dl>"
                    + "<div class='admonition note'><p class='admonition-title'>Note</p><p>n</p></div>");

            assertThat(a.summary(100)).isEqualTo("Does f.");
        }
    }

    @Nested
    final class Robustness {

        @Test
        void emptyAndMalformedInput() {
            assertThat(parse("", "x", new FakeResolver()).markdown()).isEmpty();
            assertThat(parse("<p>unclosed <b>bold <i>both</p><li>stray<td>cell</table></div></span>", "x",
                    new FakeResolver()).markdown()).contains("unclosed").contains("stray").contains("cell");
            assertThat(parse("<<<>>>&&&;;<p <a href=>", "x", new FakeResolver()).markdown()).contains("&&&;;");
            assertThat(parse("plain text only", "x", new FakeResolver()).markdown()).isEqualTo("plain text only\n");
        }

        @Test
        void deepNesting_isRendered() {
            String deep = "<ul><li>".repeat(2000) + "bottom" + "</li></ul>".repeat(2000)
                    + "<blockquote>".repeat(2000) + "quoted" + "</blockquote>".repeat(2000)
                    + "<b><i>".repeat(2000) + "styled" + "</i></b>".repeat(2000)
                    + "<div>".repeat(5000) + "<h2>Deep</h2>" + "</div>".repeat(5000);

            Article a = parse(deep);

            assertThat(a.markdown()).contains("bottom").contains("quoted").contains("styled");
            assertThat(a.markdown().lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(200));
        }

        @Test
        void manyDuplicateHeadings_stayUnique() {
            Article a = parse("<h2>Same</h2>".repeat(3000));

            assertThat(a.sections()).hasSize(3000);
            assertThat(a.sections().get(2999).id()).isEqualTo("same-3000");
        }

        @Test
        void resolverReturningNull_isTreatedAsMissing() {
            Article a = ArticleParser.parse("<a href='x.html'>x</a>", "p.html", path -> null, p -> p);

            assertThat(a.links()).extracting(Link::path).containsOnlyNulls();
        }
    }
}
