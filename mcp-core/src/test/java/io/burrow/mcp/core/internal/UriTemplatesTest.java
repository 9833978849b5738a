package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class UriTemplatesTest {

    private final UriTemplates factory = new UriTemplates(Set.of("zim", "gopher"));

    @Test
    void reservedExpansionMatchesSlashes() {
        McpUriTemplateManager t = factory.create("zim://{archive}/{+path}");
        assertThat(t.getVariableNames()).containsExactly("archive", "path");
        assertThat(t.extractVariableValues("zim://wiki/A/b/c.html")).isEqualTo(Map.of("archive", "wiki", "path", "A/b/c.html"));
        assertThat(t.matches("zim://wiki/A/b")).isTrue();
    }

    @Test
    void simpleVariableMatchesOneSegment() {
        McpUriTemplateManager t = new UriTemplates(Set.of()).create("test://template/{id}/data");
        assertThat(t.matches("test://template/42/data")).isTrue();
        assertThat(t.matches("test://template/4/2/data")).isFalse();
        assertThat(t.extractVariableValues("test://template/42/data")).isEqualTo(Map.of("id", "42"));
    }

    @Test
    void servedSchemesAreRoutedEvenWithoutATemplateFit() {
        McpUriTemplateManager t = factory.create("gopher://{host}/{+selector}");
        assertThat(t.matches("gopher://host")).isTrue();
        assertThat(t.matches("unknown://x")).isTrue();
        assertThat(t.matches("zim://other")).isFalse();
    }

    @Test
    void fixedUrisMatchExactly() {
        McpUriTemplateManager t = factory.create("zim://files");
        assertThat(t.matches("zim://files")).isTrue();
        assertThat(t.matches("zim://files/x")).isFalse();
        assertThat(t.isUriTemplate("zim://{a}")).isTrue();
    }
}
