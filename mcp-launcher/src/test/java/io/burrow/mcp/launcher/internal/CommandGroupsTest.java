package io.burrow.mcp.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandGroupsTest {

    @Test
    void aStaleServiceEntry_isLeftOutWithAWarning_andTheOthersStillLoad(@TempDir Path dir) throws Exception {
        Path services = Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.burrow.mcp.launcher.CommandGroup"), "io.burrow.gone.OldCommands\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            var groups = Startup.commandGroups(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(groups).allSatisfy(g -> assertThat(g.name()).isNotBlank());
        } finally {
            t.setContextClassLoader(before);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("warning: a command group could not be loaded and is left out:")
                .contains("io.burrow.gone.OldCommands");
    }
}
