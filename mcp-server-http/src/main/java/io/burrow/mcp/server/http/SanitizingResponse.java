package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response whose error bodies never reach the client as written. Once a status of 400 or more is
 * set (or {@code sendError} is called) everything the servlet writes is captured instead, and
 * {@link #finish()} replaces it by a JSON-RPC error envelope from {@link ErrorBodies}. Successful
 * responses, including long-lived event streams, pass straight through.
 */
final class SanitizingResponse extends HttpServletResponseWrapper {

    private static final Logger LOG = LoggerFactory.getLogger(SanitizingResponse.class);
    /** Enough of a servlet's error body to find its JSON-RPC code. */
    private static final int CAPTURE_LIMIT = 64 * 1024;

    private final boolean sessionHeader;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private volatile boolean error;
    private int status = 200;
    private boolean realWriter;
    private boolean realStream;
    private boolean done;
    private PrintWriter captureWriter;
    private ServletOutputStream captureStream;
    private JsonNode requestId;

    SanitizingResponse(HttpServletResponse response, boolean sessionHeader) {
        super(response);
        this.sessionHeader = sessionHeader;
    }

    /** The JSON-RPC id of the request, once known, for the envelope. */
    void requestId(JsonNode id) {
        this.requestId = id;
    }

    boolean isError() {
        return error;
    }

    @Override
    public void setStatus(int sc) {
        if (sc >= 400) {
            error = true;
        }
        status = sc;
        super.setStatus(sc);
    }

    @Override
    public void sendError(int sc, String msg) {
        sendError(sc);
    }

    @Override
    public void sendError(int sc) {
        // never let the container render its own error page: finish() writes the envelope
        setStatus(sc < 400 ? 500 : sc);
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void setContentLength(int len) {
        if (!error) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (!error) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (!error) {
            super.flushBuffer();
        }
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (error && !realWriter && !realStream) {
            if (captureWriter == null) {
                captureWriter = new PrintWriter(new OutputStreamWriter(capture(), StandardCharsets.UTF_8));
            }
            return captureWriter;
        }
        realWriter = true;
        return super.getWriter();
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (error && !realWriter && !realStream) {
            return capture();
        }
        realStream = true;
        return super.getOutputStream();
    }

    private ServletOutputStream capture() {
        if (captureStream == null) {
            captureStream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    if (captured.size() < CAPTURE_LIMIT) {
                        captured.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    int n = Math.min(len, CAPTURE_LIMIT - captured.size());
                    if (n > 0) {
                        captured.write(b, off, n);
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new IllegalStateException("not supported");
                }
            };
        }
        return captureStream;
    }

    /** Answers now with an envelope of our own (the gate's refusals), bypassing sanitising. */
    synchronized void respond(int sc, int code, String message) throws IOException {
        error = true;
        status = sc;
        write(sc, ErrorBodies.envelope(requestId, sc, code, message));
    }

    /** If an error status was set, replaces whatever was written by the sanitised envelope. */
    synchronized void finish() {
        if (!error || done) {
            return;
        }
        if (captureWriter != null) {
            captureWriter.flush();
        }
        ErrorBodies.Safe safe = ErrorBodies.sanitize(status, captured.toByteArray(), sessionHeader);
        try {
            write(safe.status(), ErrorBodies.envelope(requestId, safe.status(), safe.code(), safe.message()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("writing an error response failed", e);
        }
    }

    private void write(int sc, byte[] body) throws IOException {
        done = true;
        HttpServletResponse real = (HttpServletResponse) getResponse();
        if (real.isCommitted()) {
            LOG.debug("response already committed; cannot replace an error body");
            return;
        }
        real.resetBuffer();
        real.setStatus(sc);
        real.setHeader("Cache-Control", "no-store");
        real.setContentType("application/json");
        real.setCharacterEncoding("UTF-8");
        if (realWriter) {
            PrintWriter w = real.getWriter();
            w.write(new String(body, StandardCharsets.UTF_8));
            w.flush();
        } else {
            real.setContentLength(body.length);
            ServletOutputStream out = real.getOutputStream();
            realStream = true;
            out.write(body);
            out.flush();
        }
    }
}
