package io.burrow.mcp.gopher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class GopherResourcesTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private BurrowServer server = TestSupport.server(Map.of());

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    @Test
    void textItem_isReadAsText() {
        gopher.enqueue(GopherResponse.text("Zürich\r\n"));
        ResourceData d = server.readResource(gopher.url('0', "/z.txt"));
        assertThat(d.text()).isEqualTo("Zürich\n");
        assertThat(d.mimeType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void menu_isReadAsItsTextRendering() {
        gopher.enqueue(gopher.menu().info("hello").item('0', "About", "/about").build());
        ResourceData d = server.readResource(gopher.rootUrl());
        assertThat(d.text()).contains("hello", "[0]  About  <" + gopher.url('0', "/about") + ">");
    }

    @Test
    void binary_isReadAsBlobWithExactBytesAndMimeType() {
        byte[] png = TestSupport.raw("10-image-png.raw");
        gopher.enqueue(GopherResponse.bytes(png));
        ResourceData d = server.readResource(gopher.url('I', "/logo"));
        assertThat(d.blob()).isEqualTo(png);
        assertThat(d.mimeType()).isEqualTo("image/png");
    }

    @Test
    void binaryOverTheCap_isTooLarge() {
        server.close();
        server = TestSupport.server(Map.of("GOPHER_MAX_RESPONSE_SIZE", "1024"));
        gopher.enqueue(GopherResponse.bytes(new byte[4096]));
        assertThatThrownBy(() -> server.readResource(gopher.url('9', "/big.bin")))
                .isInstanceOf(BurrowException.class).extracting(e -> ((BurrowException) e).code()).isEqualTo("TOO_LARGE");
    }

    @Test
    void interactiveAndBlocked_failWithTheirCodes() {
        assertThatThrownBy(() -> server.readResource(gopher.url('8', "/")))
                .extracting(e -> ((BurrowException) e).code()).isEqualTo("NOT_FETCHABLE");
        try (BurrowServer strict = TestSupport.server(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "false"))) {
            assertThatThrownBy(() -> strict.readResource(gopher.rootUrl()))
                    .extracting(e -> ((BurrowException) e).code()).isEqualTo("BLOCKED");
        }
        assertThat(gopher.connectionCount()).isZero();
    }

    @Test
    void template_advertisesTheScheme() {
        var provider = new io.burrow.mcp.gopher.tools.internal.GopherResources(null);
        assertThat(provider.schemes()).containsExactly("gopher");
        assertThat(provider.templates()).extracting(t -> t.uriTemplate()).containsExactly("gopher://{host}/{+path}");
    }
}
