package io.burrow.mcp.zim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdCompressor;
import io.burrow.mcp.zim.ZimFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The resumable block decoder: every prefix it hands out equals the data, however the requests are cut. */
final class ZstdBlocksTest {

    /** About 1.5 MiB of text with long repeats (matches reaching back across blocks) and some noise. */
    private static byte[] text(long seed) {
        Random r = new Random(seed);
        String[] words = {"cluster", "blob", "zstd", "archive", "entry", "libzim", "burrow", "decode", "window", "offset"};
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 1_500_000) {
            if (sb.length() > 10_000 && r.nextInt(10) == 0) {
                int from = r.nextInt(sb.length() - 5_000);
                sb.append(sb, from, from + 200 + r.nextInt(4_000));
            } else {
                sb.append(words[r.nextInt(words.length)]).append(r.nextInt(3) == 0 ? r.nextInt(100_000) : "").append(' ');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] compress(byte[] data) {
        ZstdCompressor c = new ZstdCompressor();
        byte[] out = new byte[c.maxCompressedLength(data.length)];
        int n = c.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private static ZstdBlocks blocks(byte[] frame) {
        ByteBuffer in = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
        return new ZstdBlocks(in, Decoders.zstdFrame(in, "test"), 64L << 20, "test");
    }

    @Test
    void theBlockDecoderIsReachable() {
        // when aircompressor changes so that this fails, the reader silently falls back to one-shot prefixes
        assertThat(ZstdBlocks.AVAILABLE).isTrue();
    }

    @Test
    void resumedRequestsGiveExactPrefixes() {
        byte[] data = text(1);
        byte[] frame = compress(data);
        assertThat(frame.length).isLessThan(data.length / 2);
        Random r = new Random(2);
        for (int round = 0; round < 5; round++) {
            ZstdBlocks z = blocks(frame);
            if (round % 2 == 0) {
                z.sizeHint(data.length);
            }
            long need = 0;
            ClusterData.Prefix p;
            do {
                need = Math.min(data.length, need + 1 + r.nextInt(round == 0 ? 4_000 : 400_000));
                p = z.decode(need);
                assertThat(p.length()).isGreaterThanOrEqualTo((int) need);
                assertThat(Arrays.equals(p.data(), 0, p.length(), data, 0, p.length())).isTrue();
            } while (!p.complete());
            assertThat(p.length()).isEqualTo(data.length);
            assertThat(z.heldBytes()).isZero();
        }
        ClusterData.Prefix all = blocks(frame).decode(-1);
        assertThat(all.complete()).isTrue();
        assertThat(Arrays.equals(all.data(), 0, all.length(), data, 0, data.length)).isTrue();
    }

    @Test
    void aClusterDecodedByBlocksReadsEveryBlob() {
        byte[] payload = text(3);
        int blobs = 300;
        int table = 4 * (blobs + 1);
        byte[] cluster = new byte[table + payload.length];
        ByteBuffer t = ByteBuffer.wrap(cluster).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i <= blobs; i++) {
            t.putInt(table + (int) ((long) payload.length * i / blobs));
        }
        System.arraycopy(payload, 0, cluster, table, payload.length);
        byte[] frame = compress(cluster);
        ClusterData cd = new ClusterData(blocks(frame), null, false, 1_000, 64L << 20, "test");
        Random r = new Random(4);
        for (int k = 0; k < 200; k++) {
            int b = r.nextInt(blobs);
            long s = cd.blobStart(b);
            long e = s + cd.blobSize(b);
            byte[] buf = cd.fill(e);
            assertThat(Arrays.equals(buf, (int) s, (int) e, cluster, (int) s, (int) e)).as("blob %d", b).isTrue();
        }
        cd.fillAll();
        assertThat(cd.complete()).isTrue();
    }

    @Test
    void aBadChecksumIsAFormatErrorOnceTheFrameEnds() {
        byte[] data = text(5);
        byte[] frame = compress(data);
        if ((frame[4] & 0x04) == 0) {
            return;   // no checksum written by this compressor
        }
        frame[frame.length - 1] ^= 0x55;
        ZstdBlocks z = blocks(frame);
        assertThat(z.decode(1000).complete()).isFalse();
        assertThatThrownBy(() -> z.decode(-1)).isInstanceOf(ZimFormatException.class).hasMessageContaining("checksum");
    }

    @Test
    void aCorruptBlockIsAFormatError() {
        byte[] data = text(6);
        byte[] frame = compress(data);
        for (int i = frame.length / 2; i < frame.length / 2 + 64; i++) {
            frame[i] = (byte) 0xFF;
        }
        ZstdBlocks z = blocks(frame);
        assertThatThrownBy(() -> z.decode(-1)).isInstanceOf(io.burrow.mcp.zim.ZimException.class);
    }
}
