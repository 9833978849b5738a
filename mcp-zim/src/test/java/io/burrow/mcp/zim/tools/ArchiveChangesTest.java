package io.burrow.mcp.zim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An archive truncated, rewritten, replaced, removed or still being written while it is served: every call is
 * answered, in time, with its result or a typed error (never {@code INTERNAL_ERROR}, never silence), and once the
 * file is a valid archive again its new content is served. No periodic rescan runs here: calls see the changes.
 */
final class ArchiveChangesTest {

    /** What a call may answer while its archive changes under it. */
    private static final Set<String> TYPED = Set.of("ok", "ARCHIVE_CHANGED", "ZIM_FORMAT_ERROR", "NOT_FOUND");

    @TempDir
    Path dir;

    private static byte[] archive(UUID uuid, String title) {
        ZimArchiveBuilder b = ZimArchiveBuilder.create().uuid(uuid).metadata("Title", title).metadata("Language", "eng")
                .mainPath("index.html").addHtml("index.html", "Index", "<html><body><h1>" + title
                        + "</h1><p>Start at <a href=\"wiki/Mars.html\">Mars</a>.</p></body></html>");
        for (int i = 0; i < 40; i++) {
            b.addHtml("wiki/Page" + i + ".html", "Page " + i, "<html><body><h1>Page " + i + "</h1><p>"
                    + ("Text of page " + i + " about " + title + ". ").repeat(50) + "</p></body></html>");
        }
        return b.addHtml("wiki/Mars.html", "Mars", "<html><body><h1>Mars</h1><p>Mars of " + title
                + ".</p></body></html>").toBytes();
    }

    private static void truncate(Path file, long size) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    /** Writes {@code bytes} into the existing file as {@code cp} does: truncate, then write (same inode). */
    private static void overwriteInPlace(Path file, byte[] bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
        }
    }

    private static ZimTestServer server(Path dir) {
        ZimTestServer zim = ZimTestServer.over(dir);
        zim.client.timeout(Duration.ofSeconds(15)); // an unanswered call fails the test within this
        return zim;
    }

    private static String outcome(JsonNode toolResult) {
        return toolResult.path("isError").asBoolean() ? toolResult.at("/structuredContent/error/code").asText() : "ok";
    }

    private static String uuid(ZimTestServer zim) {
        JsonNode r = zim.call("zim_metadata", Map.of("zim_file_path", "a.zim"));
        JsonAssert.that(r).at("/isError").isFalse();
        return r.at("/structuredContent/uuid").asText();
    }

    /** The calls the clients make, each giving "ok" or its error code. */
    private static List<Function<McpTestClient, String>> calls() {
        return List.of(
                c -> outcome(c.callTool("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Page7.html"))),
                c -> outcome(c.callTool("zim_get", Map.of("zim_file_path", "a.zim", "entry_paths",
                        List.of("wiki/Page3.html", "wiki/Page30.html")))),
                c -> outcome(c.callTool("zim_search", Map.of("zim_file_path", "a.zim", "query", "page", "mode", "title"))),
                c -> outcome(c.callTool("zim_browse", Map.of("zim_file_path", "a.zim", "limit", 100))),
                c -> outcome(c.callTool("zim_metadata", Map.of("zim_file_path", "a.zim"))),
                c -> outcome(c.callTool("zim_health", Map.of("zim_file_path", "a.zim", "verify", true))),
                c -> outcome(c.callTool("zim_health", Map.of())),
                c -> {
                    try {
                        c.readResource("zim://a.zim/wiki/Page11.html");
                        return "ok";
                    } catch (McpTestClient.RpcException e) {
                        return e.error().at("/data/code").asText("JSON-RPC " + e.code());
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4096", "half", "minus16"})
    void truncatedUnderConcurrentCalls_everyCallIsAnsweredTyped_andAValidFileIsServedAgain(String at) throws Exception {
        byte[] first = archive(UUID.randomUUID(), "First");
        Path a = Files.write(dir.resolve("a.zim"), first);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ZimTestServer zim = server(dir)) {
            String before = uuid(zim);
            AtomicBoolean stop = new AtomicBoolean();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                clients.add(pool.submit(() -> {
                    List<Function<McpTestClient, String>> calls = calls();
                    for (int i = offset; !stop.get() || i < offset + calls.size(); i++) {
                        seen.add(calls.get(i % calls.size()).apply(zim.client));
                    }
                    return null;
                }));
            }
            Thread.sleep(200);
            long cut = switch (at) {
                case "half" -> first.length / 2;
                case "minus16" -> first.length - 16;
                default -> Long.parseLong(at);
            };
            truncate(a, cut);
            Thread.sleep(500);
            stop.set(true);
            for (Future<?> c : clients) {
                c.get(60, TimeUnit.SECONDS); // a call left unanswered fails here (the client's 15 s timeout)
            }
            assertThat(seen).isSubsetOf(TYPED);
            // settled: the truncated file is not an archive
            JsonAssert.that(zim.call("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Mars.html")))
                    .isToolError("ZIM_FORMAT_ERROR");
            // a valid archive again, written in place: served at once, with its new content
            UUID next = UUID.randomUUID();
            overwriteInPlace(a, archive(next, "Second"));
            assertThat(uuid(zim)).isEqualTo(next.toString()).isNotEqualTo(before);
            JsonAssert.that(zim.call("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of Second");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replacedByRenaming_theNextCallServesTheNewArchive() throws Exception {
        Path a = Files.write(dir.resolve("a.zim"), archive(UUID.randomUUID(), "First"));
        try (ZimTestServer zim = server(dir)) {
            String before = uuid(zim);
            JsonAssert.that(zim.call("zim_get", Map.of("entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of First");
            UUID next = UUID.randomUUID();
            Path tmp = Files.write(dir.resolve("a.zim.part"), archive(next, "Second"));
            Files.move(tmp, a, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(uuid(zim)).isEqualTo(next.toString()).isNotEqualTo(before);
            JsonAssert.that(zim.call("zim_get", Map.of("entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of Second"); // not the cached article
        }
    }

    @Test
    void rewrittenInPlaceByADifferentArchive_isServedWithItsNewContent() throws Exception {
        Path a = Files.write(dir.resolve("a.zim"), archive(UUID.randomUUID(), "First"));
        try (ZimTestServer zim = server(dir)) {
            JsonAssert.that(zim.call("zim_get", Map.of("entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of First");
            UUID next = UUID.randomUUID();
            overwriteInPlace(a, archive(next, "Other"));
            JsonAssert.that(zim.call("zim_get", Map.of("entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of Other");
            assertThat(uuid(zim)).isEqualTo(next.toString());
        }
    }

    @Test
    void replacedByGarbage_isAFormatError_untilAValidArchiveIsBack() throws Exception {
        Path a = Files.write(dir.resolve("a.zim"), archive(UUID.randomUUID(), "First"));
        try (ZimTestServer zim = server(dir)) {
            uuid(zim);
            overwriteInPlace(a, "this is not a ZIM archive at all".repeat(1000).getBytes());
            for (int i = 0; i < 3; i++) {
                JsonNode r = zim.call("zim_metadata", Map.of("zim_file_path", "a.zim"));
                JsonAssert.that(r).isToolError("ZIM_FORMAT_ERROR").at("/structuredContent/error/hint").textContains("renam");
                assertThat(r.toString()).doesNotContain(dir.toString());
            }
            JsonAssert.that(zim.call("zim_health", Map.of())).at("/structuredContent/unreadable/0/name").isText("a.zim");
            UUID next = UUID.randomUUID();
            overwriteInPlace(a, archive(next, "Back"));
            assertThat(uuid(zim)).isEqualTo(next.toString());
        }
    }

    @Test
    void removed_isNotFound_andAFileStillBeingWritten_isServedOnceComplete() throws Exception {
        Path a = Files.write(dir.resolve("a.zim"), archive(UUID.randomUUID(), "First"));
        Files.write(dir.resolve("b.zim"), archive(UUID.randomUUID(), "Other")); // (so that a.zim must be named)
        try (ZimTestServer zim = server(dir)) {
            uuid(zim);
            Files.delete(a);
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "a.zim"))).isToolError("ARCHIVE_NOT_FOUND");
            JsonAssert.that(zim.call("zim_health", Map.of())).at("/structuredContent/archives").hasSize(1);
            UUID next = UUID.randomUUID();
            byte[] whole = archive(next, "Growing");
            Files.write(a, java.util.Arrays.copyOf(whole, whole.length / 2)); // a copy under way: the file grows
            JsonAssert.that(zim.call("zim_metadata", Map.of("zim_file_path", "a.zim"))).isToolError("ZIM_FORMAT_ERROR");
            Files.write(a, java.util.Arrays.copyOfRange(whole, whole.length / 2, whole.length), StandardOpenOption.APPEND);
            assertThat(uuid(zim)).isEqualTo(next.toString());
        }
    }
}
