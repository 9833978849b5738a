package io.burrow.mcp.gemini.spi;

import io.burrow.mcp.gemini.tools.GeminiSettings;
import io.burrow.mcp.gemini.tools.GeminiStoreSettings;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Opens a {@link GeminiStorage}: the service the Gemini module looks up, by {@link #name()}, for the setting
 * {@code BURROW_GEMINI_STORE}. Implementations have a public no-argument constructor and are listed in
 * {@code META-INF/services/io.burrow.mcp.gemini.spi.GeminiStoreProvider}. The Gemini module ships {@code file} (the
 * default: a JSON file of pins and a directory of identities, shared by processes on one machine);
 * {@code mcp-gemini-store-postgres} adds {@code postgres} (shared by replicas on many machines).
 *
 * <pre>{@code
 * public final class MyStoreProvider implements GeminiStoreProvider {
 *     public String name() { return "mine"; }
 *     public GeminiStorage open(Context context) { return new MyStorage(context.store().url()); }
 * }
 * }</pre>
 */
public interface GeminiStoreProvider {

    /** The value of {@code BURROW_GEMINI_STORE} that selects this provider: lower-case letters and digits. */
    String name();

    /**
     * Opens the storage (once per server), checking its settings, connecting and migrating as needed.
     *
     * @throws io.burrow.mcp.core.config.ConfigurationException if its settings are missing or invalid
     * @throws io.burrow.mcp.core.BurrowException if the storage cannot be reached
     */
    GeminiStorage open(Context context);

    /**
     * What a provider is opened with.
     *
     * @param gemini the Gemini settings (the file store's paths)
     * @param store the store settings ({@code BURROW_GEMINI_STORE_*})
     * @param clock the server's clock
     * @param logger the Gemini module's logger (never log a secret setting)
     */
    record Context(GeminiSettings gemini, GeminiStoreSettings store, Clock clock, Logger logger) {
        public Context {
            Objects.requireNonNull(gemini, "gemini");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(logger, "logger");
        }
    }
}
