package io.burrow.mcp.gemini.tools.internal;

import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.GeminiStoreProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the {@link GeminiStoreProvider} that {@code BURROW_GEMINI_STORE} names and opens its storage. */
public final class GeminiStores {

    private GeminiStores() {
    }

    /**
     * Opens the storage named by the context's settings, from the providers {@code loader} finds.
     *
     * @throws ConfigurationException if no provider has that name (the message lists those found), or two have
     */
    public static GeminiStorage open(GeminiStoreProvider.Context context, ClassLoader loader) {
        Map<String, GeminiStoreProvider> byName = new TreeMap<>();
        for (GeminiStoreProvider p : ServiceLoader.load(GeminiStoreProvider.class, loader)) {
            GeminiStoreProvider before = byName.putIfAbsent(p.name(), p);
            if (before != null && !before.getClass().equals(p.getClass())) {
                throw new ConfigurationException(List.of("Two Gemini store providers are named '" + p.name() + "': "
                        + before.getClass().getName() + " and " + p.getClass().getName() + "; remove one from the "
                        + "class path"));
            }
        }
        String wanted = context.store().type();
        GeminiStoreProvider provider = byName.get(wanted);
        if (provider == null) {
            throw new ConfigurationException(List.of("BURROW_GEMINI_STORE is '" + wanted + "', but the Gemini stores "
                    + "on the class path are " + byName.keySet() + ("postgres".equals(wanted)
                    ? " (the PostgreSQL store is the module io.burrow:mcp-gemini-store-postgres)" : "")));
        }
        GeminiStorage storage = provider.open(context);
        context.logger().info("Gemini trust store: {}", storage.kind());
        return storage;
    }
}
