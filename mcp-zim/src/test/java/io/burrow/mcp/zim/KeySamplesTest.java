package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookups in a directory large enough to be sampled ({@link KeySamples}) agree with the sorted lists they search:
 * every path and title, their neighbours that are not in the archive, prefixes, duplicate titles, and the keys that
 * fall on a sample itself (the edges of the narrowed ranges).
 */
final class KeySamplesTest {

    private static final int ENTRIES = 3 * KeySamples.MIN_COUNT + 17;
    private static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path dir;
    private static ZimArchive zim;
    /** Path → title, in path order. */
    private static final TreeMap<String, String> PAGES = new TreeMap<>(UTF8);

    @BeforeAll
    static void build() {
        Random r = new Random(11);
        ZimArchiveBuilder b = ZimArchiveBuilder.create().compression(ZimArchiveBuilder.Compression.NONE);
        while (PAGES.size() < ENTRIES) {
            String path = "wiki/" + word(r) + (r.nextInt(4) == 0 ? "é" + word(r) : "");
            // every tenth title repeats an earlier one; every twentieth is empty (the path stands for it)
            String title = r.nextInt(10) == 0 && !PAGES.isEmpty() ? PAGES.firstEntry().getValue()
                    : r.nextInt(20) == 0 ? "" : word(r) + " " + word(r);
            if (PAGES.putIfAbsent(path, title) == null) {
                b.addItem(path, title, "text/html", ("<p>" + path).getBytes(StandardCharsets.UTF_8));
            }
        }
        zim = ZimArchive.open(b.build(dir.resolve("large.zim")));
    }

    private static String word(Random r) {
        StringBuilder w = new StringBuilder();
        for (int i = 2 + r.nextInt(8); i > 0; i--) {
            w.append((char) ('a' + r.nextInt(26)));
        }
        return w.toString();
    }

    @Test
    void pathLookups_findEveryEntryAndNothingElse() {
        assertThat(zim.entryCount()).isGreaterThanOrEqualTo(KeySamples.MIN_COUNT);
        for (String path : PAGES.keySet()) {
            assertThat(zim.findEntry(path)).as(path).map(Entry::path).contains(path);
            assertThat(zim.findEntry(path + "~")).as(path + "~").isEmpty();
            assertThat(zim.findEntry(path.substring(0, path.length() - 1))).as("cut " + path).map(Entry::path)
                    .isEqualTo(Optional.ofNullable(PAGES.containsKey(path.substring(0, path.length() - 1))
                            ? path.substring(0, path.length() - 1) : null));
        }
        assertThat(zim.findEntry("a")).isEmpty();
        assertThat(zim.findEntry("zzzz")).isEmpty();
    }

    @Test
    void pathPrefixes_listWhatTheSortedPathsHold() {
        for (String prefix : List.of("wiki/a", "wiki/qu", "wiki/zz", "wiki/m", "wiki/", "nothing")) {
            List<String> expected = PAGES.keySet().stream().filter(p -> p.startsWith(prefix)).toList();
            assertThat(zim.findByPathPrefix(prefix).map(Entry::path).toList()).as(prefix).isEqualTo(expected);
        }
    }

    @Test
    void titleLookups_agreeWithTheTitleOrder() {
        List<String> byTitle = zim.entriesByTitle().map(Entry::title).toList();
        assertThat(byTitle).isSortedAccordingTo(UTF8);
        List<String> sampled = new ArrayList<>();
        for (int i = 0; i < byTitle.size(); i += 7) {
            sampled.add(byTitle.get(i));
        }
        int step = (byTitle.size() + KeySamples.SAMPLES - 1) / KeySamples.SAMPLES;
        for (int i = 0; i < byTitle.size(); i += step) {
            sampled.add(byTitle.get(i)); // the sampled keys themselves
        }
        for (String title : sampled) {
            int first = byTitle.indexOf(title);
            assertThat(zim.findEntryByTitle(title)).as(title).map(Entry::title).contains(title);
            assertThat(zim.findByTitlePrefix(title).findFirst()).as(title).map(Entry::title)
                    .contains(byTitle.get(first));
            long same = byTitle.stream().filter(title::equals).count();
            assertThat(zim.findByTitlePrefix(title).filter(e -> e.title().equals(title)).count()).as(title)
                    .isEqualTo(same);
            assertThat(zim.findEntryByTitle(title + "\u0001")).as(title + "\\1").isEmpty();
        }
        for (String prefix : List.of("a", "qu", "zz", "m", "e")) {
            List<String> expected = byTitle.stream().filter(t -> t.startsWith(prefix)).toList();
            assertThat(zim.findByTitlePrefix(prefix).map(Entry::title).toList()).as(prefix).isEqualTo(expected);
        }
    }
}
