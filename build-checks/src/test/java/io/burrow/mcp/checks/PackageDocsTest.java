package io.burrow.mcp.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every package of main code says what it is for: a {@code package-info.java} with a Javadoc sentence. */
final class PackageDocsTest {

    @Test
    void everyMainPackage_hasADocumentedPackageInfo() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String module : BuildClasses.modules()) {
            Path src = BuildClasses.ROOT.resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(src)) {
                for (Path dir : files.filter(f -> f.toString().endsWith(".java")).map(Path::getParent).distinct().toList()) {
                    Path info = dir.resolve("package-info.java");
                    if (!Files.isRegularFile(info) || !Files.readString(info).contains("/**")) {
                        missing.add(BuildClasses.ROOT.relativize(dir).toString());
                    }
                }
            }
        }
        assertThat(missing).as("packages without a documented package-info.java").isEmpty();
    }
}
