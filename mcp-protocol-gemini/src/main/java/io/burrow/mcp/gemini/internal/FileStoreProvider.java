package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.GeminiStoreProvider;
import io.burrow.mcp.gemini.spi.IdentityStorage;
import io.burrow.mcp.gemini.spi.PinStorage;
import java.util.List;

/**
 * The {@code file} store (the default): pins in {@code GEMINI_TOFU_STORAGE_PATH}, identities in
 * {@code GEMINI_CLIENT_CERTS_STORAGE_PATH}. Shared by the processes of one machine (file locks), not by replicas on
 * several machines.
 */
public final class FileStoreProvider implements GeminiStoreProvider {

    /** The service-loaded instance. */
    public FileStoreProvider() {
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public GeminiStorage open(Context context) {
        if (context.store().url() != null && !context.store().url().isBlank()) {
            throw new ConfigurationException(List.of("BURROW_GEMINI_STORE_URL is set but BURROW_GEMINI_STORE is 'file': "
                    + "set BURROW_GEMINI_STORE=postgres to use the database, or remove the URL"));
        }
        FilePins pins = new FilePins(context.gemini().tofuStoragePath());
        FileIdentities identities = new FileIdentities(context.gemini().clientCertsStoragePath());
        return new GeminiStorage() {
            @Override
            public String kind() {
                return "file";
            }

            @Override
            public PinStorage pins() {
                return pins;
            }

            @Override
            public IdentityStorage identities() {
                return identities;
            }
        };
    }
}
