package io.burrow.mcp.gemini;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.ProtocolClient;
import io.burrow.mcp.gemini.tools.GeminiModule;
import io.burrow.mcp.testkit.contract.ProtocolClientContract;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's protocol-client contract, applied to the client the Gemini module gives embedders. */
final class GeminiClientContractTest extends ProtocolClientContract {

    @AutoClose
    final FakeGeminiServer capsule = FakeGeminiServer.start()
            .dispatcher(r -> GeminiResponse.success("text/gemini", "# Hello\n"));
    @TempDir
    Path dir;
    private BurrowServer server;

    @Override
    protected ProtocolClient<?> client() {
        if (server == null) {
            server = BurrowServer.builder().module(new GeminiModule()).configSources(ConfigSources.empty().withEnv(Map.of(
                    "GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString(),
                    "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString(),
                    "GEMINI_ALLOW_LOCAL_HOSTS", "true"))).build();
        }
        return server.client("gemini");
    }

    @Override
    protected String reachableUri() {
        return capsule.url("/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }
}
