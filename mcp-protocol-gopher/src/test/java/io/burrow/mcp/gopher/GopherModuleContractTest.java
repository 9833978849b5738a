package io.burrow.mcp.gopher;

import io.burrow.mcp.gopher.tools.GopherModule;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.contract.ModuleContract;

final class GopherModuleContractTest extends ModuleContract {

    @Override
    protected BurrowModule module() {
        return new GopherModule();
    }

    @Override
    protected String missingResourceUri() {
        return "gopher://127.0.0.1:1/0/missing"; // blocked by the default policy: a clean error either way
    }
}
