package io.burrow.mcp.gopher;

import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.gopher.tools.GopherModule;
import io.burrow.mcp.testkit.contract.ModuleContract;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;

final class GopherModuleContractTest extends ModuleContract {

    @AutoClose
    static final FakeGopherServer GOPHER = new FakeGopherServer().start(); // an empty queue answers with a type-3 error

    @Override
    protected BurrowModule module() {
        return new GopherModule();
    }

    @Override
    protected ConfigSources settings() {
        return ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true"));
    }

    @Override
    protected String missingResourceUri() {
        return GOPHER.url('1', "/missing");
    }
}
