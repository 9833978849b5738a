package io.burrow.mcp.server.stdio;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/** An input stream fed line by line from another thread; {@link #close()} from the feeder means end of input. */
final class LineQueueInputStream extends InputStream {

    private static final byte[] EOF = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private boolean ended;

    /** Queues one chunk (a whole line including its newline). */
    void feed(byte[] chunk) {
        if (chunk.length > 0) {
            queue.add(chunk);
        }
    }

    /** Ends the stream once the queued chunks have been read. */
    @Override
    public void close() {
        queue.add(EOF);
    }

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
}
