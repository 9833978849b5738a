package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three replicas of the HTTP jar behind HAProxy, one killed with SIGKILL under load, sharing their Gemini trust
 * store in PostgreSQL ({@code -Pinterop}; fails when haproxy, postgresql or python3 is missing):
 * {@code scripts/replicas/replica-test.sh} starts everything on 127.0.0.1 and the driver ({@code replicas.ReplicaDriver})
 * checks the rules while it drives; this test runs the script and checks that it ran the Gemini trust steps and the
 * whole load and found nothing wrong.
 */
final class ReplicasIT {

    private static final Path ROOT = Path.of(System.getProperty("burrow.repoRoot", "..")).toAbsolutePath().normalize();

    @Test
    void killedReplica_failsNoCall_losesOnlyItsSessions_andGeminiTrustIsShared() throws Exception {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-http.jar"));
        assertThat(jar).as("the shaded HTTP jar (built by mvn package)").exists();
        Path report = Path.of("target", "replicas", "report.json").toAbsolutePath();
        Path output = report.resolveSibling("replica-test.out");
        Files.createDirectories(report.getParent());
        Files.deleteIfExists(report);
        Path gemini = report.resolveSibling("gemini.json");
        Files.deleteIfExists(gemini);
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve("scripts/replicas/replica-test.sh").toString(),
                "--jar", jar.toString(), "--classes", System.getProperty("burrow.testClasses", "target/test-classes"),
                "--testkit", ROOT.resolve("mcp-testkit-fakes/target/classes").toString(),
                "--report", report.toString()).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        assertThat(ended && p.exitValue() == 0).as("replica-test.sh succeeded:%n%s", log).isTrue();

        JsonNode g = new ObjectMapper().readTree(gemini.toFile());
        assertThat(g.path("violations")).as("Gemini trust shared by the replicas").isEmpty();
        assertThat(g.path("steps")).hasSize(15);

        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertThat(r.path("violations")).as("violations").isEmpty();
        assertThat(r.path("failures").asLong()).isZero();
        assertThat(r.path("modern").path("calls").asLong()).isPositive();
        assertThat(r.path("legacy").path("calls").asLong()).isPositive();
        assertThat(r.path("legacy").path("sessions_lost").asLong()).isPositive()
                .isEqualTo(r.path("legacy").path("reinitialized").asLong());
    }
}
