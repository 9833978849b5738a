package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.protocol.Client;
import io.burrow.mcp.core.protocol.Reply;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/**
 * An exchange whose answer cannot be written still ends, once: it leaves the requests in flight and the
 * client's connection is closed rather than left waiting. The abuse suite found exchanges left in flight
 * for good when Jetty's write threw (the JVM raised a fault of memory-mapped archive access as an
 * InternalError in whatever the faulting thread ran next, here the write of the answer).
 */
final class HttpExchangeTest {

    private final Request request = mock(Request.class);
    private final Response response = mock(Response.class);
    private final Callback callback = mock(Callback.class);
    private final EndPoint endPoint = mock(EndPoint.class);
    private final AtomicInteger ended = new AtomicInteger();
    private final JsonNode answer = Json.object().put("jsonrpc", "2.0").put("id", 1)
            .set("result", Json.object());

    private HttpExchange exchange() {
        ConnectionMetaData meta = mock(ConnectionMetaData.class);
        Connection connection = mock(Connection.class);
        when(request.getHeaders()).thenReturn(HttpFields.build().add("Accept", "application/json, text/event-stream"));
        when(request.getConnectionMetaData()).thenReturn(meta);
        when(meta.getConnection()).thenReturn(connection);
        when(connection.getEndPoint()).thenReturn(endPoint);
        when(response.getHeaders()).thenReturn(HttpFields.build());
        return new HttpExchange(request, response, callback, new Client("ip:127.0.0.1", true), ended::incrementAndGet);
    }

    @Test
    void aWriteThatThrows_endsTheExchangeOnce_andClosesTheConnection() {
        HttpExchange ex = exchange();
        doThrow(new InternalError("a fault occurred in a recent unsafe memory access operation")).when(response)
                .write(anyBoolean(), any(), any());

        try {
            ex.reply(answer, Reply.OK);
        } catch (Throwable e) {
            // whether the error reaches the caller is up to Jetty; the exchange must have ended either way
        }
        ex.reply(answer, Reply.OK);
        ex.heartbeat(0);

        assertThat(ended).hasValue(1);
        verify(callback).failed(any());
        verify(endPoint).close(any(Throwable.class));
    }

    @Test
    void aWriteThatFailsLater_endsTheExchangeOnce_evenIfFailingJettysCallbackThrows() {
        HttpExchange ex = exchange();
        AtomicReference<Callback> pending = new AtomicReference<>();
        doAnswer(inv -> {
            pending.set(inv.getArgument(2));
            return null;
        }).when(response).write(anyBoolean(), any(), any());
        doThrow(new IllegalStateException("write pending")).when(callback).failed(any());

        ex.reply(answer, Reply.OK);
        assertThat(ended).hasValue(1);
        pending.get().failed(new java.io.IOException("broken pipe"));

        assertThat(ended).hasValue(1);
        verify(endPoint).close(any(Throwable.class));
    }

    @Test
    void aStreamWhoseWriteFails_endsOnce_whenItsAnswerComesAfter() {
        HttpExchange ex = exchange();
        AtomicReference<Callback> pending = new AtomicReference<>();
        doAnswer(inv -> {
            pending.set(inv.getArgument(2));
            return null;
        }).when(response).write(anyBoolean(), any(), any());

        ex.send(Json.object().put("jsonrpc", "2.0").put("method", "notifications/progress"));
        pending.get().failed(new java.io.IOException("broken pipe"));
        ex.reply(answer, Reply.OK);

        assertThat(ended).hasValue(1);
    }

    @Test
    void anAnswerWritten_endsTheExchangeOnce_withoutClosingTheConnection() {
        HttpExchange ex = exchange();
        doAnswer(inv -> {
            ((Callback) inv.getArgument(2)).succeeded();
            return null;
        }).when(response).write(anyBoolean(), any(), any());

        ex.reply(answer, Reply.OK);
        ex.reply(answer, Reply.OK);

        assertThat(ended).hasValue(1);
        verify(callback).succeeded();
        verify(endPoint, never()).close(any(Throwable.class));
    }
}
