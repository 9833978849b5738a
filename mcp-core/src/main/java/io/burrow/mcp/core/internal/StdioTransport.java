package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.protocol.Client;
import io.burrow.mcp.core.protocol.Connection;
import io.burrow.mcp.core.protocol.McpEndpoint;
import io.burrow.mcp.core.protocol.MessageSink;
import io.burrow.mcp.core.protocol.Messages;
import io.burrow.mcp.core.protocol.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stdio transport: one connection over newline-delimited JSON-RPC on a pair of byte streams, for
 * clients of both protocol generations. A line that is not one valid JSON value in valid UTF-8 is
 * answered with a parse error and the connection goes on; a line over 16 MiB is refused without being
 * kept in memory. Messages are read and written as UTF-8 bytes, never as Java strings; each outgoing
 * message is written whole, under a lock, by the thread that sends it. The streams are not closed.
 */
public final class StdioTransport implements MessageSink {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTransport.class);
    /** Largest accepted message. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final ObjectWriter writer = Json.writer(); // no pretty printing: the JSON text has no raw newline
    private final InputStream in;
    private final OutputStream out;
    private final Object writing = new Object();
    /** Holds each outgoing message before it is written whole; guarded by {@link #writing}. */
    private ByteArrayOutputStream buffer = newBuffer();
    private volatile boolean broken;

    public StdioTransport(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Serves one connection until the input ends, then waits at most {@code drain} for the answers still
     * due and ends the connection (cancelling what still runs).
     *
     * @return whether every request read was answered
     */
    public boolean serve(McpEndpoint endpoint, Duration drain) throws InterruptedException {
        Connection connection = endpoint.connect(Transport.STDIO, Client.STDIO, this);
        try {
            Lines.read(in, MAX_LINE_BYTES, new Lines.Handler() {
                @Override
                public void line(byte[] line, int length) {
                    if (Lines.isBlank(line, length)) {
                        return;
                    }
                    JsonNode message;
                    try {
                        message = Messages.parse(line, 0, length);
                    } catch (Messages.Malformed e) {
                        connection.unreadable(e.getMessage());
                        return;
                    }
                    connection.receive(message);
                }

                @Override
                public void tooLong() {
                    connection.unreadable("message too large (over " + MAX_LINE_BYTES + " bytes)");
                }
            });
        } catch (IOException e) {
            LOG.debug("reading the input failed", e);
        }
        try {
            boolean idle = connection.awaitIdle(drain);
            if (!idle) {
                LOG.warn("input ended with {} request(s) unanswered after {}", connection.pending(), drain);
            }
            return idle;
        } finally {
            connection.close();
        }
    }

    /** Writes one message and its newline, whole. */
    @Override
    public void write(JsonNode message) {
        synchronized (writing) {
            if (broken) {
                return;
            }
            try {
                buffer.reset();
                writer.writeValue(buffer, message);
                buffer.write('\n');
                buffer.writeTo(out);
                out.flush();
            } catch (IOException e) {
                broken = true; // the client went away: nothing more can reach it
                LOG.debug("writing to the output failed", e);
            }
            if (buffer.size() > Lines.KEEP_BYTES) {
                buffer = newBuffer(); // reset() would keep the large array: one huge message must not pin it
            }
        }
    }

    private static ByteArrayOutputStream newBuffer() {
        return new ByteArrayOutputStream(8 * 1024);
    }
}
