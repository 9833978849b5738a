package io.burrow.mcp.testkit;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory byte pipe that, unlike {@link java.io.PipedInputStream}, does not care which threads
 * read and write. Closing the output ends the input after the written bytes.
 */
final class Pipe {

    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();

    final OutputStream out = new OutputStream() {
        private volatile boolean closed;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (!closed && len > 0) {
                queue.add(Arrays.copyOfRange(b, off, off + len));
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                queue.add(EOF);
            }
        }
    };

    /** Ends the input after the bytes written so far, as closing {@link #out} does. */
    void end() {
        try {
            out.close();
        } catch (java.io.IOException e) {
            throw new AssertionError(e); // not thrown by this stream
        }
    }

    final InputStream in = new InputStream() {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        private boolean fill() throws InterruptedIOException {
            while (pos >= current.length) {
                if (ended) {
                    return false;
                }
                try {
                    byte[] next = queue.take();
                    if (next == EOF) {
                        ended = true;
                        return false;
                    }
                    current = next;
                    pos = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
            return true;
        }

        @Override
        public synchronized int read() throws InterruptedIOException {
            return fill() ? current[pos++] & 0xFF : -1;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws InterruptedIOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    };
}
