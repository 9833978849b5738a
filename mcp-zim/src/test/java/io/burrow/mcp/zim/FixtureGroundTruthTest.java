package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every entry and every archive fact of the committed fixtures equals what python3-libzim said. */
final class FixtureGroundTruthTest {

    @ParameterizedTest
    @ValueSource(strings = {"peer-test-small", "peer-test-small-xz", "peer-test-small-none", "peer-test-small-noft"})
    void everyEntry_matchesLibzim(String name) {
        JsonNode gt = Fixtures.libzim(name);
        try (ZimArchive zim = ZimArchive.open(Fixtures.zim(name))) {
            List<Entry> entries = zim.entriesByPath().toList();
            assertThat(entries).hasSize(gt.get("entries").size());
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                JsonNode x = gt.get("entries").get(i);
                assertThat(e.path()).isEqualTo(x.get("path").asText());
                assertThat(e.title()).as(e.path()).isEqualTo(x.get("title").asText());
                assertThat(e.isRedirect()).as(e.path()).isEqualTo(x.get("redirect").asBoolean());
                if (e.isRedirect()) {
                    assertThat(e.redirectEntry().path()).isEqualTo(x.get("target").asText());
                }
                Item item = e.item();
                assertThat(item.mimeType()).as(e.path()).isEqualTo(x.get("mime").asText());
                assertThat(item.size()).as(e.path()).isEqualTo(x.get("size").asLong());
                assertThat(Fixtures.sha256(item.content())).as(e.path()).isEqualTo(x.get("sha256").asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"peer-test-small", "peer-test-small-xz", "peer-test-small-none", "peer-test-small-noft"})
    void archiveFacts_matchLibzim(String name) {
        JsonNode gt = Fixtures.libzim(name);
        try (ZimArchive zim = ZimArchive.open(Fixtures.zim(name))) {
            assertThat(zim.entryCount()).isEqualTo(gt.get("entry_count").asInt());
            assertThat(zim.allEntryCount()).isEqualTo(gt.get("all_entry_count").asInt());
            assertThat(zim.articleCount()).isEqualTo(gt.get("article_count").asInt());
            assertThat(zim.mediaCount()).isEqualTo(gt.get("media_count").asInt());
            assertThat(zim.hasFulltextIndex()).isEqualTo(gt.get("has_fulltext_index").asBoolean());
            assertThat(zim.hasTitleIndex()).isEqualTo(gt.get("has_title_index").asBoolean());
            assertThat(zim.hasNewNamespaceScheme()).isEqualTo(gt.get("new_ns").asBoolean());
            assertThat(zim.uuid().toString()).isEqualTo(gt.get("uuid").asText());
            assertThat(zim.checksum().orElse(null)).isEqualTo(gt.get("checksum").asText());
            assertThat(zim.verifyChecksum()).isEqualTo(gt.get("check").asBoolean());
            List<String> keys = new ArrayList<>();
            gt.get("metadata_keys").forEach(k -> keys.add(k.asText()));
            assertThat(zim.metadataKeys()).isEqualTo(keys);
            List<Integer> sizes = new ArrayList<>();
            gt.get("illustration_sizes").forEach(k -> sizes.add(k.asInt()));
            assertThat(new ArrayList<>(new TreeSet<>(zim.illustrationSizes()))).isEqualTo(sizes);
            Entry main = zim.mainEntry().orElseThrow();
            assertThat(main.path()).isEqualTo(gt.get("main").asText());
            assertThat(main.isRedirect() ? main.redirectEntry().path() : null)
                    .isEqualTo(gt.get("main_target").isNull() ? null : gt.get("main_target").asText());
            gt.get("metadata").properties().forEach(m -> {
                if (m.getValue().isTextual()) {
                    assertThat(zim.metadata(m.getKey())).contains(m.getValue().asText());
                } else {
                    Item it = zim.metadataItem(m.getKey()).orElseThrow();
                    assertThat(it.mimeType()).isEqualTo(m.getValue().get("mimetype").asText());
                    assertThat(Fixtures.sha256(it.content())).isEqualTo(m.getValue().get("sha256").asText());
                }
            });
            assertThat(zim.checkIntegrity(true).passed()).isTrue();
        }
    }
}
