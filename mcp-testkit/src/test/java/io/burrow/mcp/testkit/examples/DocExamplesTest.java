package io.burrow.mcp.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The examples in docs/testkit.md and in the {@code BurrowModule} Javadoc are the code of this package, which
 * compiles and runs as tests: each copy there must equal its {@code // region NAME} here.
 */
final class DocExamplesTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern REGION = Pattern.compile("// region (\\S+)\\n(.*?)// endregion", Pattern.DOTALL);
    private static final Pattern DOC_EXAMPLE = Pattern.compile("<!-- example: (\\S+) -->\\s*```java\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern JAVADOC_EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>",
            Pattern.DOTALL);

    private static Map<String, String> regions() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("mcp-testkit/src/test/java/io/burrow/mcp/testkit/examples"))) {
            for (Path f : files.toList()) {
                Matcher m = REGION.matcher(Files.readString(f));
                while (m.find()) {
                    out.put(m.group(1), normalize(m.group(2)));
                }
            }
        }
        return out;
    }

    /** Without trailing spaces and blank edge lines. */
    private static String normalize(String code) {
        return code.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }

    @Test
    void testkitGuide_showsTheCodeThatRuns() throws IOException {
        Map<String, String> regions = regions();
        Matcher m = DOC_EXAMPLE.matcher(Files.readString(ROOT.resolve("docs/testkit.md")));
        int seen = 0;
        while (m.find()) {
            assertThat(regions).as("region of the example %s", m.group(1)).containsKey(m.group(1));
            assertThat(normalize(m.group(2))).as("docs/testkit.md, example %s", m.group(1))
                    .isEqualTo(regions.get(m.group(1)));
            seen++;
        }
        assertThat(seen).as("examples marked in docs/testkit.md").isGreaterThanOrEqualTo(3);
    }

    @Test
    void burrowModuleJavadoc_showsTheModuleThatRuns() throws IOException {
        String source = Files.readString(ROOT.resolve("mcp-core/src/main/java/io/burrow/mcp/core/spi/BurrowModule.java"));
        Matcher m = JAVADOC_EXAMPLE.matcher(source);
        assertThat(m.find()).as("an example in the BurrowModule Javadoc").isTrue();
        List<String> lines = m.group(1).lines().map(l -> l.replaceFirst("^ \\* ?", "")).toList();
        assertThat(normalize(String.join("\n", lines))).isEqualTo(regions().get("echo-module"));
    }
}
