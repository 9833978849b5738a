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
        return null; // until a missing page answers NOT_FOUND (-32002): see the module refit
    }
}
