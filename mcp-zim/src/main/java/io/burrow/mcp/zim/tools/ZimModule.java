package io.burrow.mcp.zim.tools;

import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.zim.tools.internal.ZimWiring;
import java.util.List;

/**
 * The ZIM backend: the tools {@code zim_search}, {@code zim_get}, {@code zim_get_section}, {@code zim_browse},
 * {@code zim_metadata}, {@code zim_links}, {@code zim_random}, {@code zim_query} and {@code zim_health}; the
 * resources {@code zim://files}, {@code zim://{archive}} and {@code zim://{archive}/{+path}}; the prompts {@code research},
 * {@code summarize} and {@code explore}; completions of archive names and entry paths. It serves the archives of
 * {@link ZimSettings#directories()}, or a bundled demo archive when none is configured. Registered for
 * {@link java.util.ServiceLoader} discovery; embedders may also pass {@code new ZimModule()} to
 * {@code BurrowServer.builder().module(…)}.
 */
public final class ZimModule implements BurrowModule {

    /** Creates the module; it does nothing until the server calls {@link #contribute}. */
    public ZimModule() {
        // stateless until contribute
    }

    @Override
    public String name() {
        return "zim";
    }

    @Override
    public List<Class<? extends Record>> settingsGroups() {
        return List.of(ZimSettings.class);
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        ZimWiring.contribute(context, out);
    }
}
