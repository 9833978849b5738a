package io.burrow.mcp.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class LogProviderTest {

    @TempDir
    Path dir;

    @Test
    void initialize_logsTextAtInfoToStderr_withLogbacksMdc() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LogProvider provider = new LogProvider();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            provider.initialize();
            Logger log = provider.getLoggerFactory().getLogger("io.burrow.T");
            log.info("hello {}", "there");
            log.debug("not at info");
        } finally {
            System.setErr(stderr);
        }

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("INFO  io.burrow.T - hello there")
                .doesNotContain("not at info");
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        provider.getMDCAdapter().put("request_id", "r1");
        assertThat(context.getMDCAdapter().get("request_id")).isEqualTo("r1");
        provider.getMDCAdapter().clear();
        assertThat(provider.getMarkerFactory().getMarker("m").getName()).isEqualTo("m");
    }

    @Test
    void aLogbackConfigurationFile_isUsedInstead_itsProblemsReportedOnStderrNotStdout() throws Exception {
        Path xml = dir.resolve("logback.xml");
        Files.writeString(xml, "<configuration><appender name=\"list\" class=\"ch.qos.logback.core.read.ListAppender\"/>"
                + "<appender name=\"bad\" class=\"no.such.Appender\"/>"
                + "<root level=\"warn\"><appender-ref ref=\"list\"/></root></configuration>");
        String before = System.getProperty("logback.configurationFile");
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LogProvider provider = new LogProvider();
        try {
            System.setProperty("logback.configurationFile", xml.toString());
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            provider.initialize();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }

        assertThat(out.size()).as("stdout untouched").isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("WARN", "Appender named [bad] not referenced");
        ch.qos.logback.classic.Logger root = ((LoggerContext) provider.getLoggerFactory())
                .getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("list")).isNotNull();
        assertThat(root.getAppender("burrow")).isNull();
    }
}
