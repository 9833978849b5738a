package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.zim.search.IndexBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Cursor positioning on the 5,000-document database Xapian wrote (branch levels, hundreds of leaves). Glass
 * shortens the key above each leaf to the bytes that tell it from the leaf before, so a key can sort after that
 * divider and still before the leaf's first item: the last key not after it is then the previous leaf's last.
 */
final class GlassTableTest {

    private static final IndexBlob BLOB = blob();
    private static final GlassVersion VERSION = GlassVersion.read(BLOB);

    private static IndexBlob blob() {
        try (InputStream in = new GZIPInputStream(
                GlassTableTest.class.getResourceAsStream("/search/synthetic/synthetic.glass.gz"))) {
            return IndexBlob.of(in.readAllBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static GlassTable postlist(long cacheBytes) {
        return new GlassTable("postlist", new BlockStore(BLOB, cacheBytes), VERSION.postlist());
    }

    private static List<byte[]> keys(GlassTable t) {
        List<byte[]> keys = new ArrayList<>();
        GlassTable.Cursor c = t.cursor();
        if (c.find(new byte[0])) {
            keys.add(c.key()); // (glass keeps an item under the empty key)
        } else {
            assertThat(c.valid()).as("nothing sorts before the empty key").isFalse();
        }
        while (c.next()) {
            keys.add(c.key());
        }
        return keys;
    }

    /** The shortest prefix of {@code next} that sorts after {@code prev}: what glass puts above a leaf. */
    private static byte[] divider(byte[] prev, byte[] next) {
        int i = Arrays.mismatch(prev, next);
        return Arrays.copyOf(next, Math.min(i + 1, next.length));
    }

    @Test
    void aKeyBetweenTwoTagsFindsTheFirstOfThem_acrossLeaves_withLookupAndScanCursors() {
        GlassTable table = postlist(0); // nothing cached: every block read from the blob
        List<byte[]> keys = keys(table);
        assertThat(keys).hasSizeGreaterThan(3_000);
        GlassTable.Cursor scan = table.scanCursor();
        int between = 0;
        for (int i = 0; i + 1 < keys.size(); i++) {
            byte[] prev = keys.get(i);
            byte[] key = divider(prev, keys.get(i + 1));
            if (Arrays.equals(key, keys.get(i + 1))) {
                continue;
            }
            between++;
            byte[] tag = table.get(prev);
            for (GlassTable.Cursor c : List.of(table.cursor(), scan)) {
                assertThat(c.find(key)).as("no tag has the key %s", HexFormat.of().formatHex(key)).isFalse();
                assertThat(c.key()).as("the key before %s", HexFormat.of().formatHex(key)).isEqualTo(prev);
                assertThat(c.tag()).isEqualTo(tag);
                assertThat(c.next()).isTrue();
                assertThat(c.key()).isEqualTo(keys.get(i + 1));
            }
        }
        assertThat(between).isGreaterThan(400);
    }

    @Test
    void everyKeyIsFoundExactly_inOrderWithAScanCursor_andAfterwardsBackwards() {
        GlassTable table = postlist(64 << 10);
        List<byte[]> keys = keys(table);
        GlassTable.Cursor scan = table.scanCursor();
        for (byte[] k : keys) {
            assertThat(scan.find(k)).isTrue();
            assertThat(scan.key()).isEqualTo(k);
        }
        for (int i = keys.size() - 1; i >= 0; i -= 7) {
            assertThat(scan.find(keys.get(i))).isTrue();
            assertThat(scan.tag()).isEqualTo(table.get(keys.get(i)));
        }
    }

    @Test
    void aValueStreamReadsWhatPointLookupsRead_forEveryDocument() {
        GlassDatabase db = GlassDatabase.open(BLOB, 0);
        GlassDatabase.ValueStream values = db.valueStream(0);
        GlassDatabase.ValueStream sparse = db.valueStream(0);
        for (long did = 1; did <= db.lastDocid(); did++) {
            byte[] want = db.valueBytes(0, did);
            assertThat(want).as("document %d has a title", did).isNotNull();
            assertThat(values.getBytes(did)).isEqualTo(want);
            if (did % 97 == 0) {
                assertThat(sparse.getBytes(did)).isEqualTo(want);
            }
        }
        assertThat(values.getBytes(db.lastDocid() + 1)).isNull();
    }
}
