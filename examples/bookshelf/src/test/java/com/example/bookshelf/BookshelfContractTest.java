package com.example.bookshelf;

import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.contract.ModuleContract;

/** The rules every Burrow module follows, checked by the test kit's contract suite. */
class BookshelfContractTest extends ModuleContract {

    @Override
    protected BurrowModule module() {
        return new BookshelfModule();
    }

    @Override
    protected String missingResourceUri() {
        return "bookshelf://attic";
    }
}
