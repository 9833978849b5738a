package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md} is the output of {@code config-doc} (every discovered module's settings
 * plus the HTTP group). Regenerate it with
 * {@code mvn -pl mcp-server-http -am verify -Dtest=ConfigurationDocTest -Dburrow.updateDocs=true}.
 */
final class ConfigurationDocTest {

    private static Path docsDir() {
        String configured = System.getProperty("burrow.docsDir");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docs/development.md"))) {
                return p.resolve("docs");
            }
        }
        throw new AssertionError("docs/ not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void configurationReference_isUpToDate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"config-doc"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of(), Map.of(),
                http -> http.close());
        assertThat(status).isZero();
        String generated = out.toString(StandardCharsets.UTF_8);
        Path file = docsDir().resolve("configuration.md");

        if (Boolean.getBoolean("burrow.updateDocs")) {
            Files.writeString(file, generated);
        }
        String committed = Files.isRegularFile(file) ? Files.readString(file) : "";
        assertThat(committed)
                .as("docs/configuration.md differs from the settings declared in code. Regenerate it with: "
                        + "mvn -B -pl mcp-server-http -am verify -Dtest=ConfigurationDocTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dburrow.updateDocs=true")
                .isEqualTo(generated);
    }
}
