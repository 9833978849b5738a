package io.burrow.mcp.gopher;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.gopher.tools.GopherModule;
import io.burrow.mcp.testkit.contract.ProtocolClientContract;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;

/** The test kit's protocol-client contract, applied to the client the Gopher module gives embedders. */
final class GopherClientContractTest extends ProtocolClientContract {

    @AutoClose
    final FakeGopherServer gopher = new FakeGopherServer().start().dispatcher(r -> GopherResponse.text("hello\r\n"));
    @AutoClose
    final BurrowServer server = BurrowServer.builder().module(new GopherModule())
            .configSources(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true"))).build();

    @Override
    protected ProtocolClient<?> client() {
        return server.client("gopher");
    }

    @Override
    protected String reachableUri() {
        return gopher.url("/0/hello.txt");
    }
}
