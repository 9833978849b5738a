package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ZimQueryTest {

    private static void intent(String query, String name, String subject) {
        assertThat(ZimQuery.parse(query)).as(query).isEqualTo(new ZimQuery.Intent(name, subject));
    }

    @Test
    void parse_recognisesPhrasings_andSearchesEverythingElse() {
        intent("Tell me about the Eiffel Tower", "article", "Eiffel Tower");
        intent("what is photosynthesis?", "article", "photosynthesis");
        intent("Who was Ada Lovelace", "article", "Ada Lovelace");
        intent("define \"entropy\"", "article", "entropy");
        intent("table of contents of Zürich", "toc", "Zürich");
        intent("links in World Wide Web", "links", "World Wide Web");
        intent("related to Mars", "related", "Mars");
        intent("suggestions for Trans", "suggest", "Trans");
        intent("search for asyncio event loop", "search", "asyncio event loop");
        intent("asyncio event loop", "search", "asyncio event loop");
        intent("show me the main page", "main_page", null);
        intent("random article", "random", null);
        intent("metadata", "metadata", null);
        intent("which archives are loaded?", "list_archives", null);
        intent("browse articles", "browse", null);
    }
}
