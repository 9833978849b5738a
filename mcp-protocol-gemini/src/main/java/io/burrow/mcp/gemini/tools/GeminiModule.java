package io.burrow.mcp.gemini.tools;

import io.burrow.mcp.core.fetch.RobotsGate;
import io.burrow.mcp.core.fetch.Upstream;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.gemini.ClientIdentityStore;
import io.burrow.mcp.gemini.TofuStore;
import io.burrow.mcp.gemini.internal.GeminiFetcher;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.GeminiStoreProvider;
import io.burrow.mcp.gemini.tools.internal.GeminiResources;
import io.burrow.mcp.gemini.tools.internal.GeminiStores;
import io.burrow.mcp.gemini.tools.internal.GeminiTools;
import java.util.List;
import java.util.Map;

/**
 * The Gemini backend: tools {@code gemini_fetch}, {@code gemini_batch_fetch}, {@code gemini_trust_list},
 * {@code gemini_trust_update}, {@code gemini_client_cert_list} and {@code gemini_client_cert_update},
 * {@code gemini://} resources, and the {@link io.burrow.mcp.gemini.GeminiClient} for embedders.
 * Configured by {@link GeminiSettings}; its trust state (TOFU pins, client identities) lives in the store that
 * {@link GeminiStoreSettings} names ({@link io.burrow.mcp.gemini.spi.GeminiStoreProvider}). Discovered through
 * {@code META-INF/services}; embedders may also
 * pass {@code new GeminiModule()} to {@code BurrowServer.builder().module(…)}.
 */
public final class GeminiModule implements BurrowModule {

    /** Creates the module; it does nothing until the server calls {@link #contribute}. */
    public GeminiModule() {
    }

    @Override
    public String name() {
        return "gemini";
    }

    @Override
    public List<Class<? extends Record>> settingsGroups() {
        return List.of(GeminiSettings.class, GeminiStoreSettings.class);
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        GeminiSettings s = context.settings(GeminiSettings.class);
        Upstream upstream = Upstream.create(s.network(), context);
        GeminiStorage storage = GeminiStores.open(new GeminiStoreProvider.Context(s,
                context.settings(GeminiStoreSettings.class), context.clock(), context.logger()),
                GeminiModule.class.getClassLoader());
        out.onClose(storage);
        TofuStore tofu = s.tofuEnabled() ? TofuStore.open(storage.pins(), context.clock()) : null;
        ClientIdentityStore identities = ClientIdentityStore.open(storage.identities(), context.clock(),
                s.clientCertValidityDays());
        RobotsGate robots = RobotsGate.create(s.robots(), s.robotsUnavailable(), List.of("indexer", "webproxy"),
                context.ticker());
        GeminiFetcher fetcher = new GeminiFetcher(s, upstream, robots, tofu, identities, context.clock(),
                context.logger(), context.caches().weightedCache("windows", GeminiFetcher.WINDOW_HOLD_SPEC,
                        GeminiFetcher::windowWeight));
        new GeminiTools(fetcher, identities, context.executor(), context.clock()).all().forEach(out::tool);
        out.resources(new GeminiResources(fetcher));
        io.burrow.mcp.gemini.tools.internal.GeminiPrompts.all().forEach(out::prompt);
        out.client(fetcher);
        out.instructions(GeminiTools.INSTRUCTIONS);
        out.health(() -> {
            Map<String, Object> h = upstream.health();
            h.put("store", storage.kind());
            h.put("tofu_enabled", tofu != null);
            boolean readable = true;
            try {
                h.put("tofu_pins", tofu == null ? 0 : tofu.list().size());
            } catch (RuntimeException e) {
                h.put("tofu_pins", "unreadable");
                readable = false;
            }
            h.put("client_certs_enabled", s.clientCertsEnabled());
            try {
                h.put("client_identities", identities.list().size());
            } catch (RuntimeException e) {
                h.put("client_identities", "unreadable");
                readable = false;
            }
            if (!readable) { // /readyz: a replica that cannot read its trust store refuses every Gemini fetch
                h.put("ready", false);
                h.put("not_ready_reason", "the Gemini trust store (" + storage.kind() + ") cannot be read");
            }
            return h;
        });
    }
}
