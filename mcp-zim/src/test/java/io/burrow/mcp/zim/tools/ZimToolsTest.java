package io.burrow.mcp.zim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import io.burrow.mcp.zim.ZimArchive;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ZIM tool over MCP (the SDK's stdio transport, in-process) on the committed zimwriterfs fixtures (with and
 * without a full-text index) and an archive from {@link ZimArchiveBuilder} in a subdirectory.
 */
final class ZimToolsTest {

    @TempDir
    static Path dir;
    static ZimTestServer zim;
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    @BeforeAll
    static void start() throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("built"));
        ZimTestServer.copyFixture("peer-test-small", dir, "small.zim");
        ZimTestServer.copyFixture("peer-test-small-noft", dir, "noft.zim");
        StringBuilder sections = new StringBuilder("<html><head><title>Sections</title></head><body><h1>Sections</h1>"
                + "<p>Lead paragraph about sections.</p>");
        for (int i = 1; i <= 3; i++) {
            sections.append("<h2 id=\"part").append(i).append("\">Part ").append(i).append("</h2><p>Body of part ")
                    .append(i).append(" with <a href=\"target.html\">a target</a>.</p>");
        }
        sections.append("<h2>Part 1</h2><p>A second heading with the same text.</p></body></html>");
        ZimArchiveBuilder.create().metadata("Title", "Built").metadata("Name", "built")
                .addHtml("index.html", "Index", "<html><body><h1>Index</h1><p>See <a href=\"sections.html\">sections</a>"
                        + " and <a href=\"alias.html\">the alias</a> and <a href=\"https://example.org/x\">out</a>"
                        + " <img src=\"img/dot.png\" alt=\"dot\"></p></body></html>")
                .addHtml("sections.html", "Sections", sections.toString())
                .addHtml("target.html", "Target", "<html><body><h1>Target</h1><p>The target.</p></body></html>")
                .addRedirect("alias.html", "Alias", "target.html")
                .addItem("img/dot.png", "", "image/png", PNG)
                .addItem("style.css", "", "text/css", "body{}".getBytes(StandardCharsets.UTF_8))
                .mainPath("index.html")
                .build(dir.resolve("built").resolve("builder.zim"));
        zim = ZimTestServer.over(dir);
    }

    @AfterAll
    static void stop() {
        zim.close();
    }

    private static JsonNode call(String tool, Map<String, ?> args) {
        return zim.call(tool, args);
    }

    private static JsonNode ok(String tool, Map<String, ?> args) {
        JsonNode r = call(tool, args);
        JsonAssert.that(r).at("/isError").isFalse();
        return r.get("structuredContent");
    }

    // ------------------------------------------------------------------ listing

    @Test
    void toolsList_hasEveryZimToolReadOnlyWithSchemas_underTwelveKilobytes() {
        JsonNode tools = zim.client.listTools().path("tools");
        List<String> names = new ArrayList<>();
        int bytes = 0;
        for (JsonNode t : tools) {
            String name = t.path("name").asText();
            if (name.startsWith("zim_")) {
                names.add(name);
                bytes += t.toString().getBytes(StandardCharsets.UTF_8).length;
                assertThat(t.path("annotations").path("readOnlyHint").asBoolean()).as(name).isTrue();
                assertThat(t.path("outputSchema").path("type").asText()).as(name).isEqualTo("object");
                assertThat(t.path("description").asText()).as(name).isNotBlank();
            }
        }
        assertThat(names).containsExactlyInAnyOrder("zim_search", "zim_get", "zim_get_section", "zim_browse",
                "zim_metadata", "zim_links", "zim_random", "zim_health", "zim_query");
        assertThat(bytes).as("bytes of the ZIM tools in tools/list").isLessThan(12 * 1024);
    }

    @Test
    void health_listsArchivesByNameWithoutHostPaths() {
        JsonNode r = call("zim_health", Map.of());
        JsonNode h = r.get("structuredContent");
        List<String> names = new ArrayList<>();
        h.path("archives").forEach(a -> names.add(a.path("name").asText()));
        assertThat(names).containsExactly("built/builder.zim", "noft.zim", "small.zim");
        assertThat(r.toString()).doesNotContain(dir.toString());
        JsonAssert.that(h).at("/archives/2/has_fulltext_index").isTrue().at("/archives/1/has_fulltext_index").isFalse();
    }

    @Test
    void health_verify_checksAndReportsTheChecksum() {
        JsonNode h = ok("zim_health", Map.of("zim_file_path", "small.zim", "verify", true));
        JsonAssert.that(h).at("/checksum_valid").isTrue().at("/integrity_ok").isTrue()
                .at("/checksum").isText("3c6b385691aff3a5f8fdad7300cf5d0b");
    }

    // ------------------------------------------------------------------ archive selection and containment

    @Test
    void archivePath_isRequiredWithSeveralArchives_andResolvedByNameOrPath() {
        JsonAssert.that(call("zim_metadata", Map.of())).isToolError("INVALID_REQUEST")
                .at("/structuredContent/error/hint").textContains("small.zim");
        for (String ref : List.of("small.zim", "small", dir.resolve("small.zim").toString(), "built/builder.zim",
                "builder.zim", "small%2Ezim")) {
            JsonAssert.that(call("zim_metadata", Map.of("zim_file_path", ref))).at("/isError").isFalse();
        }
    }

    @Test
    void archivePath_traversalControlCharactersAndOutsidePathsAreRefusedWithoutRevealingPaths() {
        for (String bad : List.of("../small.zim", "%2e%2e/small.zim", "%252e%252e/small.zim", "built/../../x.zim",
                "small\u0000.zim", "a|b.zim", "~/x.zim")) {
            JsonNode r = call("zim_metadata", Map.of("zim_file_path", bad));
            JsonAssert.that(r).isToolError("INVALID_REQUEST");
            assertThat(r.toString()).doesNotContain(dir.toString());
        }
        JsonNode outside = call("zim_metadata", Map.of("zim_file_path", "/etc/passwd.zim"));
        JsonAssert.that(outside).isToolError("INVALID_REQUEST");
        JsonNode missing = call("zim_metadata", Map.of("zim_file_path", dir.resolve("nope.zim").toString()));
        JsonAssert.that(missing).isToolError("ARCHIVE_NOT_FOUND").at("/structuredContent/error/message")
                .isText("No archive named 'nope.zim' is loaded");
        assertThat(missing.toString()).doesNotContain(dir.toString());
    }

    // ------------------------------------------------------------------ search

    @Test
    void fulltext_findsArticlesWithMarkedSnippets() {
        JsonNode s = ok("zim_search", Map.of("query", "protocol", "zim_file_path", "small.zim"));
        assertThat(s.path("total").asLong()).isGreaterThan(3);
        JsonAssert.that(s).at("/total_is_estimate").isFalse().at("/mode").isText("fulltext");
        Set<String> paths = new HashSet<>();
        s.path("results").forEach(r -> paths.add(r.path("path").asText()));
        assertThat(paths).contains("wiki/Gopher_(protocol).html", "wiki/Gemini_(protocol).html");
        assertThat(s.path("results").get(0).path("snippet").asText()).contains("**");
    }

    @Test
    void fulltext_cursorPagesThroughEveryResultOnce() {
        List<String> seen = new ArrayList<>();
        JsonNode s = ok("zim_search", Map.of("query", "protocol", "zim_file_path", "small.zim", "limit", 2));
        long total = s.path("total").asLong();
        int pages = 0;
        while (true) {
            s.path("results").forEach(r -> seen.add(r.path("path").asText()));
            pages++;
            if (s.path("done").asBoolean()) {
                break;
            }
            s = ok("zim_search", Map.of("cursor", s.path("next_cursor").asText()));
        }
        assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((int) ((total + 1) / 2));
    }

    @Test
    void cursor_fromAnotherQueryOrToolIsRefused() {
        JsonNode s = ok("zim_search", Map.of("query", "protocol", "zim_file_path", "small.zim", "limit", 1));
        String cursor = s.path("next_cursor").asText();
        JsonAssert.that(call("zim_search", Map.of("cursor", cursor, "query", "other"))).isToolError("INVALID_REQUEST");
        JsonAssert.that(call("zim_browse", Map.of("cursor", cursor))).isToolError("INVALID_REQUEST");
        JsonAssert.that(call("zim_search", Map.of("cursor", "bm90IGEgY3Vyc29y"))).isToolError("INVALID_REQUEST");
    }

    @Test
    void fulltext_withoutIndex_isAClearError() {
        JsonAssert.that(call("zim_search", Map.of("query", "protocol", "zim_file_path", "noft.zim")))
                .isToolError("NO_FULLTEXT_INDEX");
    }

    @Test
    void title_findsExactTitleIgnoringCaseAndAccentsFirst_andResolvesRedirects() {
        JsonNode s = ok("zim_search", Map.of("query", "zurich", "mode", "title", "zim_file_path", "small.zim"));
        JsonAssert.that(s).at("/results/0/path").isText("wiki/Zürich.html").at("/results/0/match").isText("exact");
        JsonNode g = ok("zim_search", Map.of("query", "Gopherspace", "mode", "title", "zim_file_path", "small.zim"));
        JsonAssert.that(g).at("/results/0/path").isText("wiki/Gopher_(protocol).html")
                .at("/results/0/redirect_from").isText("wiki/Gopherspace.html");
        JsonNode noft = ok("zim_search", Map.of("query", "gopher", "mode", "title", "zim_file_path", "noft.zim"));
        assertThat(noft.path("results").toString()).contains("Gopher (protocol)");
    }

    @Test
    void suggest_completesTitles() {
        JsonNode s = ok("zim_search", Map.of("query", "Trans", "mode", "suggest", "zim_file_path", "small.zim"));
        Set<String> titles = new HashSet<>();
        s.path("results").forEach(r -> titles.add(r.path("title").asText()));
        assertThat(titles).contains("Transmission Control Protocol", "Transport Layer Security");
    }

    @Test
    void crossFile_searchesEveryArchive_reportingThoseWithoutIndex() {
        JsonNode s = ok("zim_search", Map.of("query", "protocol", "cross_file", true));
        JsonAssert.that(s).at("/results/0/zim_file_path").isText("small.zim");
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        s.path("archives").forEach(a -> byName.put(a.path("zim_file_path").asText(), a));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("small.zim", "noft.zim", "built/builder.zim");
        JsonAssert.that(byName.get("noft.zim")).at("/error/code").isText("NO_FULLTEXT_INDEX");
        JsonAssert.that(call("zim_search", Map.of("query", "x", "cross_file", true, "zim_file_path", "small.zim")))
                .isToolError("INVALID_REQUEST");
    }

    @Test
    void filters_namespaceAndContentType_narrowTheResults() {
        JsonNode html = ok("zim_search", Map.of("query", "protocol", "zim_file_path", "small.zim",
                "content_type", "text/html", "limit", 50));
        JsonNode none = ok("zim_search", Map.of("query", "protocol", "zim_file_path", "small.zim",
                "content_type", "image/", "limit", 50));
        assertThat(html.path("total").asLong()).isPositive();
        assertThat(none.path("total").asLong()).isZero();
        JsonNode otherNs = ok("zim_search", Map.of("query", "protocol", "zim_file_path", "small.zim", "namespace", "M"));
        assertThat(otherNs.path("results").size()).isZero();
    }

    // ------------------------------------------------------------------ get

    @Test
    void get_full_returnsMarkdownWithZimLinks() {
        JsonNode g = ok("zim_get", Map.of("zim_file_path", "built/builder.zim", "entry_path", "index.html"));
        JsonAssert.that(g).at("/kind").isText("article").at("/title").isText("Index").at("/truncated").isFalse();
        String md = g.path("content").asText();
        assertThat(md).contains("zim://built%2Fbuilder.zim/sections.html").contains("https://example.org/x")
                .doesNotContain("<p>");
    }

    @Test
    void get_pagesLongArticlesByOffset_andThePagesJoinToTheWhole() {
        JsonNode whole = ok("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "wiki/Long_article.html",
                "max_content_length", 1_000_000));
        String all = whole.path("content").asText();
        assertThat(all.length()).isGreaterThan(5000);
        StringBuilder joined = new StringBuilder();
        int offset = 0;
        int parts = 0;
        while (true) {
            JsonNode p = ok("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "wiki/Long_article.html",
                    "max_content_length", 2000, "content_offset", offset));
            joined.append(p.path("content").asText());
            parts++;
            assertThat(p.path("content").asText().length()).isLessThanOrEqualTo(2000);
            if (!p.path("truncated").asBoolean()) {
                break;
            }
            offset = p.path("next_offset").asInt();
        }
        assertThat(joined.toString()).isEqualTo(all);
        assertThat(parts).isGreaterThan(2);
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "wiki/Long_article.html",
                "content_offset", all.length() + 1))).isToolError("INVALID_REQUEST");
    }

    @Test
    void get_redirectIsFollowedAndReported_andZimUrisWorkAsEntryPaths() {
        JsonNode g = ok("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "wiki/Gopherspace.html"));
        JsonAssert.that(g).at("/path").isText("wiki/Gopher_(protocol).html")
                .at("/redirected_from").isText("wiki/Gopherspace.html");
        JsonNode u = ok("zim_get", Map.of("entry_path", "zim://small.zim/wiki/Z%C3%BCrich.html", "view", "summary"));
        JsonAssert.that(u).at("/path").isText("wiki/Zürich.html").at("/zim_file_path").isText("small.zim");
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "noft.zim", "entry_path", "zim://small.zim/wiki/HTTP.html")))
                .isToolError("INVALID_REQUEST");
    }

    @Test
    void get_mainPage() {
        JsonNode g = ok("zim_get", Map.of("zim_file_path", "small.zim", "main_page", true, "view", "summary"));
        JsonAssert.that(g).at("/path").isText("index.html");
    }

    @Test
    void get_unknownEntry_isNotFoundWithSuggestions() {
        JsonNode r = call("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "wiki/Zurich_city.html"));
        JsonAssert.that(r).isToolError("NOT_FOUND");
        assertThat(r.at("/structuredContent/error/did_you_mean").toString()).contains("wiki/Zürich.html");
    }

    @Test
    void get_invalidCombinationsAreRefused() {
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim"))).isToolError("INVALID_REQUEST");
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "index.html",
                "main_page", true))).isToolError("INVALID_REQUEST");
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "index.html",
                "view", "toc", "binary", true))).isToolError("INVALID_REQUEST");
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim", "entry_paths", List.of("index.html"),
                "content_offset", 10))).isToolError("INVALID_REQUEST");
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "index.html",
                "view", "bogus"))).isToolError("INVALID_REQUEST");
    }

    @Test
    void get_binary_isMetadataUnlessAsked_thenBase64OfTheExactBytes() {
        JsonNode meta = ok("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "images/logo.png"));
        JsonAssert.that(meta).at("/kind").isText("binary").at("/mime_type").isText("image/png").at("/size").isNumber(4354)
                .at("/data_base64").isMissing();
        JsonNode r = call("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", "images/logo.png",
                "binary", true));
        byte[] bytes = Base64.getDecoder().decode(r.at("/structuredContent/data_base64").asText());
        try (ZimArchive a = ZimArchive.open(dir.resolve("small.zim"))) {
            assertThat(bytes).isEqualTo(a.entry("images/logo.png").item().content());
        }
        JsonAssert.that(r).at("/content/1/type").isText("image").at("/content/1/mimeType").isText("image/png");
    }

    @Test
    void get_batch_returnsEachResultOrErrorInOrder() {
        JsonNode b = ok("zim_get", Map.of("zim_file_path", "small.zim", "view", "summary",
                "entry_paths", List.of("wiki/Mars.html", "wiki/Nope.html", "wiki/Saturn.html")));
        JsonAssert.that(b).at("/kind").isText("batch").at("/results").hasSize(3)
                .at("/results/0/path").isText("wiki/Mars.html").at("/results/1/kind").isText("error")
                .at("/results/1/error/code").isText("NOT_FOUND").at("/results/2/path").isText("wiki/Saturn.html");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("wiki/Mars.html");
        }
        JsonAssert.that(call("zim_get", Map.of("zim_file_path", "small.zim", "entry_paths", many)))
                .isToolError("INVALID_REQUEST");
    }

    @Test
    void get_tocAndStructure_haveTheSameUniqueSectionIds() {
        JsonNode toc = ok("zim_get", Map.of("zim_file_path", "built/builder.zim", "entry_path", "sections.html",
                "view", "toc"));
        List<String> ids = new ArrayList<>();
        toc.path("sections").forEach(s -> ids.add(s.path("id").asText()));
        assertThat(ids).hasSize(4).doesNotHaveDuplicates().startsWith("part1", "part2", "part3");
        JsonNode st = ok("zim_get", Map.of("zim_file_path", "built/builder.zim", "entry_path", "sections.html",
                "view", "structure"));
        List<String> structureIds = new ArrayList<>();
        st.path("sections").forEach(x -> structureIds.add(x.path("id").asText()));
        assertThat(structureIds).as("the views agree on section ids").isEqualTo(ids);
        assertThat(st.path("sections").get(0).path("word_count").asInt()).isPositive();
        assertThat(st.path("word_count").asInt()).isGreaterThan(st.path("sections").get(0).path("word_count").asInt());
        JsonNode sum = ok("zim_get", Map.of("zim_file_path", "built/builder.zim", "entry_path", "sections.html",
                "view", "summary"));
        assertThat(sum.path("content").asText()).contains("Lead paragraph").doesNotContain("Body of part");
    }

    @Test
    void getSection_returnsOneSection_orListsTheIdsAndTheClosest() {
        JsonNode s = ok("zim_get_section", Map.of("zim_file_path", "built/builder.zim", "entry_path", "sections.html",
                "section_id", "part2"));
        assertThat(s.path("content").asText()).contains("Body of part 2").doesNotContain("Body of part 1")
                .doesNotContain("Body of part 3");
        JsonAssert.that(s).at("/section_title").isText("Part 2").at("/level").isNumber(2);
        JsonNode bad = call("zim_get_section", Map.of("zim_file_path", "built/builder.zim", "entry_path",
                "sections.html", "section_id", "prt2"));
        JsonAssert.that(bad).isToolError("NOT_FOUND").at("/structuredContent/error/closest").isText("part2");
        assertThat(bad.at("/structuredContent/error/available_section_ids").size()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ browse, metadata, links, random

    @Test
    void browse_hidesAssetsByDefault_andTheCursorVisitsEveryEntryOnce() {
        JsonNode b = ok("zim_browse", Map.of("zim_file_path", "small.zim", "limit", 500));
        List<String> paths = new ArrayList<>();
        b.path("results").forEach(r -> paths.add(r.path("path").asText()));
        assertThat(paths).contains("wiki/Mars.html", "data/sample.txt").doesNotContain("css/style.css",
                "images/logo.png");
        List<String> all = new ArrayList<>();
        JsonNode page = ok("zim_browse", Map.of("zim_file_path", "small.zim", "include_assets", true, "limit", 7));
        while (true) {
            page.path("results").forEach(r -> all.add(r.path("path").asText()));
            if (page.path("done").asBoolean()) {
                break;
            }
            page = ok("zim_browse", Map.of("cursor", page.path("next_cursor").asText()));
        }
        assertThat(all).hasSize(42).doesNotHaveDuplicates().contains("css/style.css");
        JsonNode meta = ok("zim_browse", Map.of("zim_file_path", "small.zim", "namespace", "M"));
        assertThat(meta.path("results").toString()).contains("Title", "Language");
        JsonNode prefix = ok("zim_browse", Map.of("zim_file_path", "small.zim", "prefix", "wiki/Z"));
        assertThat(prefix.path("results").size()).isEqualTo(4);
        JsonAssert.that(prefix).at("/done").isTrue();
        JsonNode first = ok("zim_browse", Map.of("zim_file_path", "small.zim", "prefix", "wiki/Z", "limit", 2));
        JsonNode second = ok("zim_browse", Map.of("cursor", first.path("next_cursor").asText()));
        List<String> paged = new ArrayList<>();
        first.path("results").forEach(r -> paged.add(r.path("path").asText()));
        second.path("results").forEach(r -> paged.add(r.path("path").asText()));
        List<String> whole = new ArrayList<>();
        prefix.path("results").forEach(r -> whole.add(r.path("path").asText()));
        assertThat(paged).isEqualTo(whole);
        JsonAssert.that(second).at("/done").isTrue();
        JsonAssert.that(ok("zim_browse", Map.of("zim_file_path", "small.zim", "prefix", "nothing/")))
                .at("/results").hasSize(0).at("/done").isTrue();
    }

    @Test
    void metadata_reportsWhatTheArchiveSays() {
        JsonNode m = ok("zim_metadata", Map.of("zim_file_path", "small.zim"));
        JsonAssert.that(m).at("/article_count").isNumber(33).at("/media_count").isNumber(5)
                .at("/has_fulltext_index").isTrue().at("/main_page").isText("index.html")
                .at("/uuid").isText("a8848b5b-6689-1141-a10e-a99fda2105d4").at("/namespaces/C").isNumber(42);
        assertThat(m.path("metadata").path("Language").asText()).isNotEmpty();
        assertThat(m.path("counter").path("text/html").asLong()).isPositive();
    }

    @Test
    void links_outboundResolvesRedirectsAndClassifies_relatedRanksByMentions() {
        JsonNode l = ok("zim_links", Map.of("zim_file_path", "built/builder.zim", "entry_path", "index.html"));
        Map<String, JsonNode> byText = new java.util.HashMap<>();
        l.path("results").forEach(r -> byText.put(r.path("text").asText(), r));
        JsonAssert.that(byText.get("the alias")).at("/kind").isText("internal").at("/path").isText("target.html");
        JsonAssert.that(byText.get("out")).at("/kind").isText("external").at("/href").isText("https://example.org/x");
        JsonAssert.that(l).at("/totals/media").isNumber(1);
        JsonNode ext = ok("zim_links", Map.of("zim_file_path", "built/builder.zim", "entry_path", "index.html",
                "kind", "external"));
        JsonAssert.that(ext).at("/results").hasSize(1);
        JsonNode rel = ok("zim_links", Map.of("zim_file_path", "built/builder.zim", "entry_path", "sections.html",
                "direction", "related"));
        JsonAssert.that(rel).at("/results/0/path").isText("target.html").at("/results/0/mentions").isNumber(3);
    }

    @Test
    void random_returnsAnExistingArticle() {
        for (int i = 0; i < 5; i++) {
            JsonNode r = ok("zim_random", Map.of("zim_file_path", "small.zim"));
            JsonAssert.that(ok("zim_get", Map.of("zim_file_path", "small.zim", "entry_path", r.path("path").asText(),
                    "view", "toc"))).at("/path").isText(r.path("path").asText());
        }
    }

    @Test
    void query_routesPlainWordsToTheRightOperation() {
        JsonNode about = ok("zim_query", Map.of("query", "Tell me about Zurich", "zim_file_path", "small.zim"));
        JsonAssert.that(about).at("/intent").isText("article").at("/result/path").isText("wiki/Zürich.html");
        JsonNode toc = ok("zim_query", Map.of("query", "table of contents of Sections", "zim_file_path",
                "built/builder.zim"));
        JsonAssert.that(toc).at("/intent").isText("toc").at("/result/sections/0/id").isText("part1");
        JsonNode search = ok("zim_query", Map.of("query", "transport layer protocols", "zim_file_path", "small.zim"));
        JsonAssert.that(search).at("/intent").isText("search").at("/result/kind").isText("search");
        JsonNode noIndex = ok("zim_query", Map.of("query", "search for gopher", "zim_file_path", "noft.zim"));
        JsonAssert.that(noIndex).at("/result/mode").isText("title");
        JsonNode archives = ok("zim_query", Map.of("query", "list the archives"));
        JsonAssert.that(archives).at("/intent").isText("list_archives").at("/result/archives").hasSize(3);
        JsonNode main = ok("zim_query", Map.of("query", "show me the main page", "zim_file_path", "small.zim"));
        JsonAssert.that(main).at("/result/path").isText("index.html");
        JsonNode cross = ok("zim_query", Map.of("query", "who was Ada Lovelace?"));
        JsonAssert.that(cross).at("/result/path").isText("wiki/Ada_Lovelace.html"); // in both fixtures
        assertThat(cross.at("/result/zim_file_path").asText()).isIn("small.zim", "noft.zim");
        JsonAssert.that(call("zim_query", Map.of("query", "tell me about qwzxv", "zim_file_path", "small.zim")))
                .isToolError("NOT_FOUND");
    }

    // ------------------------------------------------------------------ resources, prompts, completions

    @Test
    void resources_listFilesOverviewAndRawEntries() {
        JsonNode list = zim.client.request("resources/list", Map.of());
        assertThat(list.path("resources").toString()).contains("zim://files", "zim://small.zim");
        JsonNode templates = zim.client.request("resources/templates/list", Map.of());
        assertThat(templates.path("resourceTemplates").toString()).contains("zim://{archive}/{+path}");
        JsonNode files = zim.client.readResource("zim://files");
        assertThat(files.at("/contents/0/text").asText()).contains("\"small.zim\"").doesNotContain(dir.toString());
        JsonNode overview = zim.client.readResource("zim://small.zim");
        assertThat(overview.at("/contents/0/text").asText()).contains("main_page", "index.html", "preview");
        JsonNode html = zim.client.readResource("zim://small.zim/wiki/Mars.html");
        JsonAssert.that(html).at("/contents/0/mimeType").isText("text/html").at("/contents/0/text").textContains("<");
        JsonNode png = zim.client.readResource("zim://small.zim/images/logo.png");
        JsonAssert.that(png).at("/contents/0/mimeType").isText("image/png");
        assertThat(Base64.getDecoder().decode(png.at("/contents/0/blob").asText())).hasSize(4354);
    }

    @Test
    void completions_offerArchiveNamesAndEntryPaths() {
        JsonNode names = zim.client.request("completion/complete", Map.of("ref", Map.of("type", "ref/resource",
                "uri", "zim://{archive}/{+path}"), "argument", Map.of("name", "archive", "value", "sm")));
        assertThat(names.path("completion").path("values").toString()).contains("small.zim");
        JsonNode paths = zim.client.request("completion/complete", Map.of("ref", Map.of("type", "ref/resource",
                "uri", "zim://{archive}/{+path}"), "argument", Map.of("name", "path", "value", "Sat"),
                "context", Map.of("arguments", Map.of("archive", "small.zim"))));
        assertThat(paths.path("completion").path("values").toString()).contains("wiki/Saturn.html");
    }

    @Test
    void prompts_embedTheArticleAndTheArchive() {
        JsonNode list = zim.client.request("prompts/list", Map.of());
        assertThat(list.path("prompts").toString()).contains("research", "summarize", "explore");
        JsonNode sum = zim.client.request("prompts/get", Map.of("name", "summarize", "arguments",
                Map.of("zim_file_path", "small.zim", "entry_path", "wiki/Mars.html")));
        assertThat(sum.at("/messages/0/content/text").asText()).contains("Mars", "zim://small.zim/wiki/Mars.html");
        JsonNode research = zim.client.request("prompts/get", Map.of("name", "research", "arguments",
                Map.of("topic", "gas giants")));
        assertThat(research.at("/messages/0/content/text").asText()).contains("gas giants", "zim_search");
        JsonNode explore = zim.client.request("prompts/get", Map.of("name", "explore", "arguments",
                Map.of("zim_file_path", "small.zim")));
        assertThat(explore.at("/messages/0/content/text").asText()).contains("Peer Test Encyclopedia");
    }
}
