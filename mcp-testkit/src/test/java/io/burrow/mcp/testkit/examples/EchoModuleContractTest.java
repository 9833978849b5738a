package io.burrow.mcp.testkit.examples;

import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.contract.ModuleContract;

// region echo-contract
class EchoModuleContractTest extends ModuleContract {
    @Override
    protected BurrowModule module() {
        return new EchoModule();
    }
}
// endregion
