package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class LinesTest {

    /** Hands out at most {@code chunk} bytes per read, so lines cross read boundaries. */
    private static InputStream chunked(String text, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> lines(InputStream in, int max) throws IOException {
        List<String> out = new ArrayList<>();
        Lines.read(in, max, new Lines.Handler() {
            @Override
            public void line(byte[] line, int length) {
                out.add(new String(line, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void tooLong() {
                out.add("<too long>");
            }
        });
        return out;
    }

    @Test
    void linesAreSplitAtLf_dropACr_andKeepMultiByteCharacters_whateverTheReadSizes() throws IOException {
        String text = "first\r\nZürich 東京\n\nlast without newline";
        for (int chunk : new int[] {1, 2, 3, 7, 64 * 1024}) {
            assertThat(lines(chunked(text, chunk), 100)).as("chunk %d", chunk)
                    .containsExactly("first", "Zürich 東京", "", "last without newline");
        }
    }

    @Test
    void aLineOverTheLimit_isReportedOnce_andTheNextLineIsRead() throws IOException {
        String text = "ok\n" + "x".repeat(50) + "\nnext\n" + "y".repeat(11);
        for (int chunk : new int[] {1, 5, 64 * 1024}) {
            assertThat(lines(chunked(text, chunk), 10)).as("chunk %d", chunk)
                    .containsExactly("ok", "<too long>", "next", "<too long>");
        }
    }

    @Test
    void blankLines_holdOnlySpacesTabsOrCr() {
        assertThat(Lines.isBlank(" \t\r".getBytes(StandardCharsets.UTF_8), 3)).isTrue();
        assertThat(Lines.isBlank(" x".getBytes(StandardCharsets.UTF_8), 2)).isFalse();
        assertThat(Lines.isBlank(" x".getBytes(StandardCharsets.UTF_8), 1)).isTrue();
    }
}
