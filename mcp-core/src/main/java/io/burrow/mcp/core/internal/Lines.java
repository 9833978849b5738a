package io.burrow.mcp.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into LF-terminated lines (a CR before the LF is dropped) without decoding
 * them: JSON parsers read UTF-8 bytes directly. Lines longer than a limit are reported as such and
 * skipped, without being kept in memory.
 */
public final class Lines {

    /** Receives each line; the array is reused for the next line. */
    public interface Handler {
        /** One line, in {@code line[0..length)}. */
        void line(byte[] line, int length) throws IOException;

        /** A line longer than the limit was skipped; by default nothing else happens. */
        default void tooLong() throws IOException {
        }
    }

    private static final int INITIAL_BYTES = 8 * 1024;
    static final int KEEP_BYTES = 1 << 20;

    private Lines() {
    }

    /** Reads {@code in} to its end, passing each line to {@code handler}. */
    public static void read(InputStream in, int maxLineBytes, Handler handler) throws IOException {
        byte[] buf = new byte[64 * 1024];
        byte[] line = new byte[INITIAL_BYTES];
        int len = 0;
        boolean tooLong = false;
        int n;
        while ((n = in.read(buf)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                if (tooLong || len + i - start > maxLineBytes) {
                    handler.tooLong();
                } else {
                    line = append(line, len, buf, start, i - start);
                    len += i - start;
                    handler.line(line, withoutCr(line, len));
                    if (line.length > KEEP_BYTES) {
                        line = new byte[INITIAL_BYTES]; // one huge message does not pin its buffer
                    }
                }
                len = 0;
                tooLong = false;
                start = i + 1;
            }
            if (!tooLong) {
                if (len + n - start > maxLineBytes) {
                    tooLong = true;
                    len = 0;
                } else {
                    line = append(line, len, buf, start, n - start);
                    len += n - start;
                }
            }
        }
        if (tooLong) {
            handler.tooLong();
        } else if (len > 0) {
            handler.line(line, withoutCr(line, len));
        }
    }

    /** Whether {@code line[0..length)} holds only spaces and tabs. */
    public static boolean isBlank(byte[] line, int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static int withoutCr(byte[] line, int len) {
        return len > 0 && line[len - 1] == '\r' ? len - 1 : len;
    }

    private static byte[] append(byte[] line, int len, byte[] src, int off, int n) {
        if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.max(len + n, line.length * 2));
        }
        System.arraycopy(src, off, line, len, n);
        return line;
    }
}
