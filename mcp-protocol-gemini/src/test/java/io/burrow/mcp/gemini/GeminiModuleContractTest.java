package io.burrow.mcp.gemini;

import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.gemini.tools.GeminiModule;
import io.burrow.mcp.testkit.contract.ModuleContract;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;

/** The test kit's module contract, applied to the Gemini module. */
final class GeminiModuleContractTest extends ModuleContract {

    private static final Path DIR;
    @AutoClose
    static final FakeGeminiServer CAPSULE = FakeGeminiServer.start();

    static {
        CAPSULE.dispatcher(request -> GeminiResponse.of(51, "Not found"));
        try {
            DIR = Files.createTempDirectory("gemini-contract");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected BurrowModule module() {
        return new GeminiModule();
    }

    @Override
    protected ConfigSources settings() {
        return ConfigSources.empty().withEnv(Map.of("GEMINI_TOFU_STORAGE_PATH", DIR.resolve("tofu.json").toString(),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", DIR.resolve("certs").toString(), "GEMINI_TIMEOUT_SECONDS", "3",
                "GEMINI_ALLOW_LOCAL_HOSTS", "true"));
    }

    @Override
    protected String missingResourceUri() {
        return CAPSULE.url("/missing.gmi");
    }
}
