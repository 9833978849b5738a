package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class ArchiveEntryResolverTest {

    private static ZimArchive archive() {
        byte[] bytes = ZimArchiveBuilder.create()
                .addHtml("wiki/Target.html", "The target", "<html><body><p>t</p></body></html>")
                .addRedirect("wiki/Hop.html", "Hop", "wiki/Target.html")
                .addRedirect("wiki/Chain.html", "Chain", "wiki/Hop.html")
                .addItem("img/x.svg", "", "image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8))
                .toBytes();
        return ZimArchive.open(ByteBuffer.wrap(bytes), ZimOptions.defaults());
    }

    @Test
    void resolve_followsRedirectsToTheFinalEntry() {
        try (ZimArchive zim = archive()) {
            ArchiveEntryResolver r = new ArchiveEntryResolver(zim);

            assertThat(r.resolve("wiki/Chain.html"))
                    .contains(new EntryResolver.Target("wiki/Target.html", "text/html", "The target"));
            assertThat(r.resolve("img/x.svg")).get().extracting(EntryResolver.Target::mimeType)
                    .isEqualTo("image/svg+xml");
        }
    }

    @Test
    void resolve_acceptsLongPathsAsFindEntryDoes() {
        try (ZimArchive zim = archive()) {
            assertThat(new ArchiveEntryResolver(zim).resolve("C/wiki/Hop.html")).get()
                    .extracting(EntryResolver.Target::path).isEqualTo("wiki/Target.html");
        }
    }

    @Test
    void resolve_missingOrEmpty_isEmpty() {
        try (ZimArchive zim = archive()) {
            ArchiveEntryResolver r = new ArchiveEntryResolver(zim);

            assertThat(r.resolve("wiki/Nothing.html")).isEmpty();
            assertThat(r.resolve("")).isEmpty();
        }
    }
}
