package io.burrow.mcp.zim.tools;

import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.contract.ModuleContract;

/** The test kit's module contract, applied to the ZIM module (serving its demo archive). */
final class ZimModuleContractTest extends ModuleContract {

    @Override
    protected BurrowModule module() {
        return new ZimModule();
    }
}
