package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.ZimArchive;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The renderer over the committed archives: the zimwriterfs fixture and the demo library. */
final class ArticleParserArchiveTest {

    private static ZimArchive peer;
    private static ZimArchive demo;

    @BeforeAll
    static void open() throws URISyntaxException {
        peer = ZimArchive.open(fixtures().resolve("peer-test-small.zim"));
        URL demoUrl = ArticleParserArchiveTest.class.getResource("/io/burrow/mcp/zim/demo/burrow-demo.zim");
        assertThat(demoUrl).isNotNull();
        demo = ZimArchive.open(Path.of(demoUrl.toURI()));
    }

    @AfterAll
    static void close() {
        peer.close();
        demo.close();
    }

    static Path fixtures() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        assertThat(p).as("fixtures/zim above the working directory").isNotNull();
        return p.resolve("fixtures/zim");
    }

    private static Article render(ZimArchive zim, String path) {
        Entry e = zim.entry(path);
        return ArticleParserTest.parse(e.item().text(), e.path(), new ArchiveEntryResolver(zim));
    }

    private static List<Entry> htmlEntries(ZimArchive zim) {
        return zim.entriesByPath()
                .filter(e -> !e.isRedirect() && e.item().mimeType().startsWith("text/html"))
                .toList();
    }

    @Test
    void everyPage_rendersWithResolvedLinksAndNoBoilerplate() {
        for (ZimArchive zim : List.of(peer, demo)) {
            List<Entry> pages = htmlEntries(zim);
            assertThat(pages).hasSizeGreaterThan(5);
            for (Entry e : pages) {
                Article a = render(zim, e.path());
                assertThat(a.title()).as(e.path()).isEqualTo(e.title());
                assertThat(a.markdown()).as(e.path()).isNotBlank()
                        .doesNotContain("Peer test corpus. Content written for protocol testing.")
                        .doesNotContain("<script").doesNotContain("Main page");
                for (Link l : a.links()) {
                    if (l.path() != null) {
                        Entry target = zim.entry(l.path());
                        assertThat(target.isRedirect()).as("final path of %s", l.href()).isFalse();
                        assertThat(l.mimeType()).isEqualTo(target.item().mimeType());
                        assertThat(a.markdown()).contains("zim://t/" + l.path());
                    }
                }
            }
        }
    }

    @Test
    void peerArticle_sectionsNestAndTheLeadIsTheSummary() {
        Article a = render(peer, "wiki/Gopher_(protocol).html");

        assertThat(a.title()).isEqualTo("Gopher (protocol)");
        assertThat(a.sections()).extracting(Section::id, Section::level, Section::parentId).containsExactly(
                tuple("overview", 2, null), tuple("details", 2, null), tuple("key-points", 3, "details"),
                tuple("see-also", 2, null));
        Section details = a.sections().get(1);
        assertThat(a.markdown().substring(details.start(), details.end()))
                .startsWith("## Details\n\n### Key points\n\n- Item type 0: text file\n")
                .doesNotContain("See also");
        assertThat(a.summary(500)).isEqualTo("The Gopher protocol is a menu-driven document retrieval protocol"
                + " designed in 1991 at the University of Minnesota.");
        assertThat(a.links()).extracting(Link::path).containsExactly("wiki/Gemini_(protocol).html", "wiki/HTTP.html",
                "wiki/Transmission_Control_Protocol.html", "wiki/Hypertext.html");
    }

    @Test
    void peerMainPage_followsRedirectsDecodesPathsAndFindsMedia() {
        Article a = render(peer, "index.html");

        assertThat(a.links()).extracting(Link::href, Link::kind, Link::path)
                .contains(
                        tuple("wiki/Gopherspace.html", Link.Kind.INTERNAL, "wiki/Gopher_(protocol).html"),
                        tuple("wiki/Zurich.html", Link.Kind.INTERNAL, "wiki/Zürich.html"),
                        tuple("wiki/%E6%9D%B1%E4%BA%AC.html", Link.Kind.INTERNAL, "wiki/東京.html"),
                        tuple("images/diagram.svg", Link.Kind.MEDIA, "images/diagram.svg"),
                        tuple("data/sample.txt", Link.Kind.INTERNAL, "data/sample.txt"));
        assertThat(a.links()).extracting(Link::path).doesNotContainNull();
        assertThat(a.markdown()).contains("- [Gopherspace](zim://t/wiki/Gopher_(protocol).html) (HTML meta-refresh");
    }

    @Test
    void demoPages_tablesAndCodeBlocks() {
        Article burrow = render(demo, "wiki/Burrow.html");
        assertThat(burrow.markdown()).contains("| Module | What it does |\n| --- | --- |\n")
                .contains("| mcp-protocol-gopher | `gopher_fetch`, `gopher_batch_fetch`, gopher:// resources |");

        Article start = render(demo, "wiki/Getting_started.html");
        assertThat(start.markdown()).contains("```\nmvn -B -DskipTests package\n");
        assertThat(start.sections()).extracting(Section::title)
                .containsExactly("Claude Desktop", "HTTP", "Trying a tool without a client");
    }

    @Test
    void demoMainPage_linksEveryArticle() {
        Entry main = demo.mainEntry().orElseThrow();
        Entry page = main.isRedirect() ? main.redirectEntry() : main;
        Article a = render(demo, page.path());

        assertThat(a.links()).extracting(Link::kind).containsOnly(Link.Kind.INTERNAL);
        assertThat(a.links()).extracting(Link::path).contains("wiki/Burrow.html", "wiki/Security.html",
                "wiki/Model_Context_Protocol.html");
        assertThat(a.summary(200)).startsWith("Welcome.");
    }
}
