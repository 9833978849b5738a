package com.example.bookshelf;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.McpTester;
import io.burrow.mcp.testkit.junit.McpServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The module through MCP, in-process, with the fluent client of Burrow's test kit. */
class BookshelfModuleTest {

    @RegisterExtension
    static final McpServerExtension mcp = McpServerExtension.create().module(BookshelfModule::new);

    @Test
    void findsABookByAuthor(McpTester client) {
        var result = client.call("book_lookup", Map.of("query", "kernighan")).assertOk();

        assertThat(result.structured("/books/0/title").asText()).isEqualTo("The C Programming Language");
        assertThat(result.text()).contains("Kernighan, Ritchie, 1988");
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void answersEveryKindOfRequestInBothGenerations(Era era) {
        mcp.connect(era).when()
                .call("book_lookup", Map.of("query", "9780201633610"),
                        r -> assertThat(r.structured("/books/0/year").asInt()).isEqualTo(1994))
                .call("book_lookup", Map.of("query", "cooking"), r -> assertThat(r.structured("/books").size()).isZero())
                .call("book_lookup", Map.of(), r -> r.assertError("INVALID_REQUEST"))
                .read(BookshelfModule.CATALOGUE, c -> assertThat(c.text().lines()).hasSize(3))
                .error("resources/read", Map.of("uri", "bookshelf://attic"), e -> assertThat(e.errorCode()).isEqualTo("NOT_FOUND"))
                .tools(tools -> assertThat(tools.names()).contains("book_lookup"))
                .thenAssertResults();
    }

    @Test
    void tellsTheModelAboutTheShelf(McpTester client) {
        assertThat(client.instructions()).contains("book_lookup");
    }
}
