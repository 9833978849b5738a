package io.burrow.mcp.zim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archives are served: the demo default, directories watched for changes, symlinks, rate limits. */
final class ZimLibraryTest {

    @TempDir
    Path dir;

    @Test
    void noDirectory_servesTheDemoArchive_soSearchAnswersAtOnce() {
        try (ZimTestServer zim = new ZimTestServer(Map.of())) {
            JsonNode s = zim.call("zim_search", Map.of("query", "gopher"));
            JsonAssert.that(s).at("/isError").isFalse().at("/structuredContent/zim_file_path").isText("burrow-demo.zim");
            assertThat(s.at("/structuredContent/results").size()).isPositive();
            JsonAssert.that(zim.call("zim_health", Map.of())).at("/structuredContent/demo").isTrue();
        }
    }

    @Test
    void demoOff_andNoDirectory_isAClearError() {
        try (ZimTestServer zim = new ZimTestServer(Map.of("ZIM_DEMO", "false"))) {
            JsonAssert.that(zim.call("zim_search", Map.of("query", "gopher"))).isToolError("ARCHIVE_NOT_FOUND")
                    .at("/structuredContent/error/hint").textContains("ZIM_DIRECTORIES");
        }
    }

    @Test
    void oneArchive_needsNoPath() {
        ZimTestServer.copyFixture("peer-test-small", dir, "only.zim");
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            JsonAssert.that(zim.call("zim_get", Map.of("entry_path", "wiki/Mars.html", "view", "summary")))
                    .at("/isError").isFalse().at("/structuredContent/zim_file_path").isText("only.zim");
        }
    }

    @Test
    void watchedDirectory_picksUpAddedAndRemovedArchives_andNotifiesClients() throws Exception {
        ZimTestServer.copyFixture("peer-test-small", dir, "a.zim");
        try (ZimTestServer zim = ZimTestServer.over(dir, "ZIM_WATCH_INTERVAL_SECONDS", "1")) {
            assertThat(names(zim)).containsExactly("a.zim");
            ZimTestServer.copyFixture("peer-test-small-noft", dir, "b.zim");
            waitFor(() -> names(zim).contains("b.zim"));
            waitFor(() -> zim.client.notifications().stream().anyMatch(n ->
                    n.path("method").asText().equals("notifications/resources/list_changed")));
            Files.delete(dir.resolve("a.zim"));
            waitFor(() -> !names(zim).contains("a.zim"));
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "a.zim"))).isToolError("ARCHIVE_NOT_FOUND");
        }
    }

    @Test
    void splitArchive_isServedUnderItsZimName() throws Exception {
        byte[] whole = Files.readAllBytes(ZimTestServer.fixtures().resolve("peer-test-small.zim"));
        int half = whole.length / 2;
        Files.write(dir.resolve("split.zimaa"), java.util.Arrays.copyOfRange(whole, 0, half));
        Files.write(dir.resolve("split.zimab"), java.util.Arrays.copyOfRange(whole, half, whole.length));
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            assertThat(names(zim)).containsExactly("split.zim");
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "split.zimaa")))
                    .at("/structuredContent/is_multipart").isTrue().at("/structuredContent/article_count").isNumber(33);
            JsonAssert.that(zim.call("zim_get", Map.of("entry_path", "wiki/Mars.html", "view", "summary")))
                    .at("/isError").isFalse().at("/structuredContent/title").isText("Mars");
            JsonAssert.that(zim.call("zim_search", Map.of("query", "mars", "mode", "title")))
                    .at("/structuredContent/results/0/path").isText("wiki/Mars.html");
        }
    }

    @Test
    void archiveAddedBetweenScans_isFoundWhenNamed() {
        ZimTestServer.copyFixture("peer-test-small", dir, "a.zim");
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            ZimTestServer.copyFixture("peer-test-small-noft", dir, "late.zim");
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "late.zim"))).at("/isError").isFalse();
        }
    }

    @Test
    void requestsForNamesNotServed_rescanAtMostOnceASecond() throws Exception {
        ZimTestServer.copyFixture("peer-test-small", dir, "a.zim");
        Files.write(dir.resolve("broken.zim"), new byte[] {'n', 'o', 't', ' ', 'z', 'i', 'm'});
        try (ZimTestServer zim = ZimTestServer.over(dir, "ZIM_WATCH_INTERVAL_SECONDS", "0")) { // no periodic rescan
            assertThat(names(zim)).containsExactly("a.zim"); // the first use opens the archives
            ZimTestServer.copyFixture("peer-test-small-noft", dir, "first.zim");
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "first.zim"))).at("/isError").isFalse();
            long asked = System.nanoTime();
            // that request rescanned; one for another new file right after it does not
            ZimTestServer.copyFixture("peer-test-small-noft", dir, "late.zim");
            JsonNode soon = zim.call("zim_metadata", Map.of("zim_file_path", "late.zim"));
            if (System.nanoTime() - asked < 900_000_000L) { // (a very slow machine may already be past the second)
                JsonAssert.that(soon).isToolError("ARCHIVE_NOT_FOUND");
            }
            waitFor(() -> !zim.call("zim_metadata", Map.of("zim_file_path", "late.zim")).path("isError").asBoolean());
        }
    }

    @Test
    void symlinkLeadingOutsideTheDirectories_isNotServed() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path served = Files.createDirectories(dir.resolve("served"));
        ZimTestServer.copyFixture("peer-test-small", outside, "secret.zim");
        ZimTestServer.copyFixture("peer-test-small-noft", served, "inside.zim");
        Files.createSymbolicLink(served.resolve("link.zim"), outside.resolve("secret.zim"));
        try (ZimTestServer zim = ZimTestServer.over(served)) {
            assertThat(names(zim)).containsExactly("inside.zim");
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "link.zim"))).isToolError("ARCHIVE_NOT_FOUND");
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", outside.resolve("secret.zim").toString())))
                    .isToolError("INVALID_REQUEST");
        }
    }

    @Test
    void splitArchiveWhoseFirstPartIsALink_isReadFromTheCheckedParts() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        Path other = Files.createDirectories(served.resolve("other"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        byte[] whole = Files.readAllBytes(ZimTestServer.copyFixture("peer-test-small-noft", dir, "whole.zim"));
        int cut = whole.length / 2;
        Files.write(other.resolve("y.zimaa"), java.util.Arrays.copyOfRange(whole, 0, cut));
        Files.write(served.resolve("x.zimab"), java.util.Arrays.copyOfRange(whole, cut, whole.length));
        Files.write(outside.resolve("junk"), new byte[] {1, 2, 3});
        Files.createSymbolicLink(served.resolve("x.zimaa"), other.resolve("y.zimaa"));
        // the link's own sibling leads outside: only x.zimaa and x.zimab were checked, so only they may be read
        Files.createSymbolicLink(other.resolve("y.zimab"), outside.resolve("junk"));
        try (ZimTestServer zim = ZimTestServer.over(served)) {
            assertThat(names(zim)).containsExactly("x.zim");
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "x.zim"))).at("/isError").isFalse();
        }
    }

    @Test
    void unreadableArchive_isReportedNotServed_andCallsNamingItGetItsFormatError() throws Exception {
        ZimTestServer.copyFixture("peer-test-small", dir, "good.zim");
        Files.write(dir.resolve("broken.zim"), new byte[] {'n', 'o', 't', ' ', 'z', 'i', 'm'});
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            JsonNode h = zim.call("zim_health", Map.of()).get("structuredContent");
            JsonAssert.that(h).at("/archives").hasSize(1).at("/unreadable/0/name").isText("broken.zim")
                    .at("/unreadable/0/code").isText("ZIM_FORMAT_ERROR");
            for (String name : List.of("broken.zim", "broken", dir.resolve("broken.zim").toString())) {
                JsonNode r = zim.call("zim_get", Map.of("zim_file_path", name, "main_page", true));
                JsonAssert.that(r).isToolError("ZIM_FORMAT_ERROR").at("/structuredContent/error/message")
                        .textContains("broken.zim");
                assertThat(r.toString()).doesNotContain(dir.toString());
            }
            JsonAssert.that(zim.call("zim_get", Map.of("zim_file_path", "other.zim", "main_page", true)))
                    .isToolError("ARCHIVE_NOT_FOUND");
        }
    }

    @Test
    void expensiveCalls_areRateLimitedPerClient_whenEnabledForLocalClients() {
        ZimTestServer.copyFixture("peer-test-small", dir, "a.zim");
        try (ZimTestServer zim = ZimTestServer.over(dir, "ZIM_RATE_LIMIT_PER_MINUTE", "2", "ZIM_RATE_LIMIT_LOCAL", "true")) {
            Map<String, Object> cross = Map.of("query", "protocol", "cross_file", true);
            JsonAssert.that(zim.call("zim_search", cross)).at("/isError").isFalse();
            JsonAssert.that(zim.call("zim_search", cross)).at("/isError").isFalse();
            JsonAssert.that(zim.call("zim_search", cross)).isToolError("RATE_LIMITED");
            JsonAssert.that(zim.call("zim_search", Map.of("query", "protocol"))).at("/isError").isFalse();
        }
        try (ZimTestServer zim = ZimTestServer.over(dir, "ZIM_RATE_LIMIT_PER_MINUTE", "1")) {
            for (int i = 0; i < 3; i++) { // local (stdio) clients are not limited by default
                JsonAssert.that(zim.call("zim_search", Map.of("query", "protocol", "cross_file", true)))
                        .at("/isError").isFalse();
            }
        }
    }

    private static List<String> names(ZimTestServer zim) {
        JsonNode h = zim.call("zim_health", Map.of()).get("structuredContent");
        List<String> out = new java.util.ArrayList<>();
        h.path("archives").forEach(a -> out.add(a.path("name").asText()));
        return out;
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(100);
        }
    }
}
