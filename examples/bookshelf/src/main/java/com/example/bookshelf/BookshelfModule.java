package com.example.bookshelf;

import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The application's own MCP module: one tool that finds books, one resource listing the shelf. */
public final class BookshelfModule implements BurrowModule {

    /** A book on the shelf. */
    public record Book(String isbn, String title, String author, int year) {
    }

    /** What {@code book_lookup} returns. */
    public record Lookup(String query, List<Book> books) {
    }

    static final String CATALOGUE = "bookshelf://catalogue";

    private static final List<Book> SHELF = List.of(
            new Book("9780262510875", "Structure and Interpretation of Computer Programs", "Abelson, Sussman", 1996),
            new Book("9780201633610", "Design Patterns", "Gamma, Helm, Johnson, Vlissides", 1994),
            new Book("9780131103627", "The C Programming Language", "Kernighan, Ritchie", 1988));

    @Override
    public String name() {
        return "bookshelf";
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        out.tool(ToolDefinition.builder("book_lookup")
                .title("Look up a book")
                .description("Finds books on the shelf whose title or author contains the query, or whose ISBN is it. "
                        + "Use it before recommending a book from the shelf.")
                .inputSchema("""
                        {"type":"object","properties":{"query":{"type":"string","minLength":1,"maxLength":200}},
                         "required":["query"],"additionalProperties":false}""")
                .outputSchema("""
                        {"type":"object","properties":{"query":{"type":"string"},"books":{"type":"array","items":
                         {"type":"object","properties":{"isbn":{"type":"string"},"title":{"type":"string"},
                          "author":{"type":"string"},"year":{"type":"integer"}}}}},"required":["query","books"]}""")
                .hints(ToolHints.READ_ONLY_LOCAL)
                .handler(call -> {
                    String query = call.args().string("query");
                    String q = query.toLowerCase(Locale.ROOT);
                    List<Book> found = SHELF.stream().filter(b -> b.isbn().equals(query)
                            || b.title().toLowerCase(Locale.ROOT).contains(q)
                            || b.author().toLowerCase(Locale.ROOT).contains(q)).toList();
                    String text = found.isEmpty() ? "No book matches " + query + "."
                            : found.stream().map(b -> b.title() + " (" + b.author() + ", " + b.year() + ")")
                                    .collect(Collectors.joining("\n"));
                    return ToolResult.of(new Lookup(query, found), text);
                })
                .build());
        out.resources(new ResourceProvider() {
            @Override
            public Set<String> schemes() {
                return Set.of("bookshelf");
            }

            @Override
            public List<ResourceInfo> resources() {
                return List.of(new ResourceInfo(CATALOGUE, "catalogue", "The shelf", "Every book on the shelf, one per line.",
                        "text/plain", null));
            }

            @Override
            public ResourceData read(String uri, ReadLimits limits) {
                if (!uri.equals(CATALOGUE)) {
                    throw new NotFoundException("Nothing on the shelf at " + uri);
                }
                return ResourceData.text(uri, "text/plain", SHELF.stream()
                        .map(b -> b.isbn() + "\t" + b.title() + "\t" + b.author() + "\t" + b.year())
                        .collect(Collectors.joining("\n", "", "\n")));
            }
        });
        out.instructions("The bookshelf module knows the books on the team's shelf: look them up with book_lookup.");
    }
}
