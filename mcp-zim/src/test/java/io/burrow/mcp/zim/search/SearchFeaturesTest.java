package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class SearchFeaturesTest {

    private static TestArchives.Opened small;

    @BeforeAll
    static void open() {
        small = TestArchives.open("peer-test-small.zim");
    }

    @AfterAll
    static void close() {
        small.close();
    }

    private static List<String> paths(SearchResults r) {
        return r.results().stream().map(SearchHit::path).toList();
    }

    @Test
    void compatibleMode_leavesAccentedQueryUnfolded_likeLibzim() {
        SearchResults r = small.searcher().search(SearchRequest.of("Zürich"));
        assertThat(r.estimated()).isZero();
        assertThat(r.results()).isEmpty();
    }

    @Test
    void improvedMode_foldsAccents_soZurichWithUmlautFindsTheArticles() {
        SearchResults folded = small.searcher().search(SearchRequest.of("Zürich").withMode(SearchMode.IMPROVED));
        SearchResults plain = small.searcher().search(SearchRequest.of("Zurich"));
        assertThat(folded.total()).isEqualTo(6);
        assertThat(paths(folded)).containsExactlyInAnyOrderElementsOf(paths(plain));
        assertThat(paths(folded).get(0)).isEqualTo("wiki/Zürich.html");
    }

    @Test
    void improvedMode_keepsBooleanOperators() {
        SearchResults r = small.searcher().search(SearchRequest.of("mars OR jupiter").withMode(SearchMode.IMPROVED));
        assertThat(r.total()).isEqualTo(6);
    }

    @Test
    void improvedMode_promotesTheArticleWhoseTitleIsTheQuery() {
        SearchResults compat = small.searcher().search(SearchRequest.of("About this corpus"));
        assertThat(paths(compat).get(0)).isEqualTo("wiki/Long_article.html");
        SearchResults promoted = small.searcher().search(
                SearchRequest.of("about THIS corpus").withMode(SearchMode.IMPROVED));
        assertThat(paths(promoted).get(0)).isEqualTo("about.html");
        assertThat(paths(promoted)).containsExactlyInAnyOrderElementsOf(paths(compat));
        assertThat(paths(small.searcher().search(SearchRequest.of("東京"))).get(0)).isEqualTo("wiki/Unicode.html");
        assertThat(paths(small.searcher().search(SearchRequest.of("東京").withMode(SearchMode.IMPROVED))).get(0))
                .isEqualTo("wiki/東京.html");
        SearchResults redirect = small.searcher().search(SearchRequest.of("Gopherspace").withMode(SearchMode.IMPROVED));
        assertThat(paths(redirect).get(0)).as("a redirect's title promotes its target").isEqualTo("wiki/Gopher_(protocol).html");
    }

    @Test
    void pagination_pagesThroughTheSameOrder() {
        SearchResults all = small.searcher().search(SearchRequest.of("protocol").withPage(0, 40).withSnippets(false));
        assertThat(all.results()).hasSize(32);
        SearchResults page2 = small.searcher().search(SearchRequest.of("protocol").withPage(10, 10).withSnippets(false));
        assertThat(paths(page2)).containsExactlyElementsOf(paths(all).subList(10, 20));
        assertThat(page2.estimated()).isEqualTo(32);
        SearchResults beyond = small.searcher().search(SearchRequest.of("protocol").withPage(40, 10));
        assertThat(beyond.results()).isEmpty();
        assertThat(beyond.total()).isEqualTo(32);
    }

    @Test
    void scores_areDescendingAndPercentIsLibzimStyle() {
        SearchResults r = small.searcher().search(SearchRequest.of("protocol").withSnippets(false));
        for (int i = 1; i < r.results().size(); i++) {
            assertThat(r.results().get(i).score()).isLessThanOrEqualTo(r.results().get(i - 1).score());
        }
        assertThat(r.results().get(0).percent()).isEqualTo(100);
        assertThat(r.results().get(9).percent()).isBetween(1, 99);
    }

    @Test
    void snippets_markQueryTermsInTheArticleText() {
        SearchResults r = small.searcher().search(SearchRequest.of("zyzzyva"));
        SearchHit hit = r.results().get(0);
        assertThat(hit.title()).isEqualTo("Quasar");
        System.err.println("snippet: " + hit.snippet());
        assertThat(hit.snippet()).contains("<b>zyzzyva</b>").doesNotContain("<p>");
        SearchHit stemmed = small.searcher().search(SearchRequest.of("protocols")).results().get(0);
        assertThat(stemmed.snippet()).containsIgnoringCase("<b>protocol");
    }

    @Test
    void filters_countExactlyInsideTheMatcher() {
        SearchResults html = small.searcher().search(SearchRequest.of("protocol").withFilters("text/html", null));
        assertThat(html.total()).isEqualTo(32);
        assertThat(html.estimated()).isEqualTo(32);
        SearchResults none = small.searcher().search(SearchRequest.of("protocol").withFilters("image/", null));
        assertThat(none.total()).isZero();
        assertThat(none.estimated()).isZero();
        SearchResults ns = small.searcher().search(SearchRequest.of("protocol").withFilters(null, 'C'));
        assertThat(ns.total()).isEqualTo(32);
        SearchResults other = small.searcher().search(SearchRequest.of("protocol").withFilters(null, 'M'));
        assertThat(other.total()).isZero();
    }

    @Test
    void unparsableQuery_givesNoResultsLikeLibzim() {
        SearchResults r = small.searcher().search(SearchRequest.of("mars OR"));
        assertThat(r.estimated()).isZero();
        assertThat(r.results()).isEmpty();
    }

    @Test
    void archiveWithoutFulltextIndex_failsClearly_butSuggestsAndPromotes() {
        try (TestArchives.Opened noft = TestArchives.open("peer-test-small-noft.zim")) {
            assertThat(noft.searcher().hasFulltextIndex()).isFalse();
            assertThat(noft.searcher().hasTitleIndex()).isTrue();
            assertThatThrownBy(() -> noft.searcher().search(SearchRequest.of("protocol")))
                    .isInstanceOfSatisfying(NoFulltextIndexException.class, e -> {
                        assertThat(e.code()).isEqualTo("NO_FULLTEXT_INDEX");
                        assertThat(e.hint()).contains("title");
                    });
            assertThat(paths(noft.searcher().suggest("lov", 10))).containsExactly("wiki/Ada_Lovelace.html");
        }
    }

    @Test
    void suggestions_fallBackToTheTitleListing_whenThereIsNoTitleIndex() {
        SearchSource withoutTitleIndex = new DelegatingSource(new ArchiveSearchSource(small.archive())) {
            @Override
            public java.util.Optional<IndexBlob> titleIndex() {
                return java.util.Optional.empty();
            }
        };
        ZimSearcher s = ZimSearcher.open(withoutTitleIndex);
        assertThat(s.hasTitleIndex()).isFalse();
        SearchResults r = s.suggest("Go", 10);
        assertThat(paths(r)).containsExactly("wiki/Gopher_(protocol).html", "wiki/Gopherspace.html");
        assertThat(r.estimated()).isEqualTo(2);
        assertThat(s.suggest("go", 10).results()).as("case-sensitive, like libzim").isEmpty();
    }

    @Test
    void requestValidation_rejectsBadPages() {
        assertThatThrownBy(() -> SearchRequest.of("x").withPage(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchRequest.of("x").withPage(0, 100_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
