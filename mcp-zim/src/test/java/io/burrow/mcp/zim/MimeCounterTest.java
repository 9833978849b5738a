package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.zim.internal.MimeCounter;
import org.junit.jupiter.api.Test;

/** M/Counter parsing and the small path parsers, as libzim does them. */
final class MimeCounterTest {

    @Test
    void counter_parsesPlainAndParameterisedTypes() {
        assertThat(MimeCounter.parse("image/gif=1;image/png=2;text/html=32"))
                .containsEntry("image/gif", 1L).containsEntry("image/png", 2L).containsEntry("text/html", 32L).hasSize(3);
        assertThat(MimeCounter.parse("text/html;raw=true=12;text/plain=3"))
                .containsEntry("text/html;raw=true", 12L).containsEntry("text/plain", 3L);
        assertThat(MimeCounter.parse("text/html=x;image/png=4;=5")).containsOnlyKeys("image/png");
        // an item without '=' swallows the following ones until one with two '=' (libzim's rule)
        assertThat(MimeCounter.parse("bad;image/png=4;text/html=5")).isEmpty();
        assertThat(MimeCounter.count("text/html=30;text/html;raw=true=2;image/png=1", m -> m.startsWith("text/html")))
                .isEqualTo(32);
        assertThat(MimeCounter.parse("")).isEmpty();
    }

    @Test
    void longPathsAndIllustrationNames() {
        assertThat(PathIndex.parseLongPath("A/Foo")).containsExactly("A", "Foo");
        assertThat(PathIndex.parseLongPath("/C/wiki/x")).containsExactly("C", "wiki/x");
        assertThat(PathIndex.parseLongPath("A")).containsExactly("A", "");
        assertThat(PathIndex.parseLongPath("AB/x")).isNull();
        assertThat(PathIndex.parseLongPath("/")).isNull();
        assertThat(PathIndex.parseLongPath("")).isNull();
        assertThat(ArchiveMetadata.illustrationSize("Illustration_48x48@1")).isEqualTo(48);
        assertThat(ArchiveMetadata.illustrationSize("Illustration_48x96@1")).isEqualTo(-1);
        assertThat(ArchiveMetadata.illustrationSize("Illustration_48x48@2")).isEqualTo(-1);
    }
}
