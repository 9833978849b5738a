package io.burrow.mcp.testkit.gopher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class FakeGopherServerTest {

    private static Socket connect(FakeGopherServer server, String line) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        s.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
        return s;
    }

    private static String exchange(FakeGopherServer server, String line) throws IOException {
        try (Socket s = connect(server, line)) {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void enqueuedResponses_areServedInOrder_andRequestsRecorded() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.enqueue(server.menu().info("hi").item('0', "About", "/about").build());
            server.enqueue(GopherResponse.text("about\r\n"));
            assertThat(exchange(server, "\r\n")).isEqualTo("ihi\t\tnull.host\t1\r\n0About\t/about\t127.0.0.1\t"
                    + server.port() + "\r\n.\r\n");
            assertThat(exchange(server, "/search\tZürich\t+\r\n")).isEqualTo("about\r\n");
            assertThat(server.takeRequest().selector()).isEmpty();
            RecordedGopherRequest second = server.takeRequest(1, TimeUnit.SECONDS);
            assertThat(second.selector()).isEqualTo("/search");
            assertThat(second.search()).isEqualTo("Zürich");
            assertThat(second.gopherPlus()).isEqualTo("+");
            assertThat(second.sequenceNumber()).isEqualTo(1);
            assertThat(second.terminated()).isTrue();
            assertThat(server.requestCount()).isEqualTo(2);
            assertThat(exchange(server, "/x\r\n")).startsWith("3No response enqueued");
        }
    }

    @Test
    void dispatcher_answersBySelector() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.dispatcher(r -> GopherResponse.text("you asked for " + r.selector()));
            assertThat(exchange(server, "/a\r\n")).isEqualTo("you asked for /a");
            assertThat(exchange(server, "/b\n")).isEqualTo("you asked for /b");
        }
    }

    @Test
    void dotTerminatedText_isStuffedAndFramed() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.enqueue(GopherResponse.dotTerminatedText("a\n.b\n"));
            assertThat(exchange(server, "\r\n")).isEqualTo("a\r\n..b\r\n.\r\n");
        }
    }

    @Test
    void closeAfter_cutsTheResponse() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.enqueue(GopherResponse.text("0123456789").withCloseAfter(4));
            assertThat(exchange(server, "\r\n")).isEqualTo("0123");
        }
    }

    @Test
    void throttle_trickles() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.enqueue(GopherResponse.text("abcdef").withThrottle(2, Duration.ofMillis(100)));
            long start = System.nanoTime();
            assertThat(exchange(server, "\r\n")).isEqualTo("abcdef");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void stall_sendsNothing_untilClosed() throws Exception {
        FakeGopherServer server = new FakeGopherServer();
        server.enqueue(GopherResponse.stall());
        try (Socket s = connect(server, "\r\n")) {
            s.setSoTimeout(300);
            InputStream in = s.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
            server.close();
            s.setSoTimeout(5000);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void endless_keepsStreaming() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.enqueue(GopherResponse.endless("x"));
            Socket s = connect(server, "\r\n");
            byte[] buf = s.getInputStream().readNBytes(1_000_000);
            assertThat(buf).hasSize(1_000_000);
            s.close();
        }
    }

    @Test
    void refuse_resetsBeforeReading_andClosedPortRefuses() throws Exception {
        try (FakeGopherServer server = new FakeGopherServer()) {
            server.enqueue(GopherResponse.refuse());
            assertThatThrownBy(() -> exchange(server, "\r\n")).isInstanceOf(IOException.class);
            assertThat(server.requestCount()).isZero();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", FakeGopherServer.closedPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void urls_pointAtTheBoundPort() {
        try (FakeGopherServer server = new FakeGopherServer()) {
            assertThat(server.url('0', "/a")).isEqualTo("gopher://127.0.0.1:" + server.port() + "/0/a");
            assertThat(server.rootUrl()).isEqualTo("gopher://127.0.0.1:" + server.port() + "/");
        }
    }
}
