package io.burrow.mcp.gemini.postgres;

import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.gemini.postgres.internal.KeyCipher;
import io.burrow.mcp.gemini.postgres.internal.PgStorage;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.GeminiStoreProvider;
import io.burrow.mcp.gemini.tools.GeminiStoreSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code postgres} Gemini store ({@code BURROW_GEMINI_STORE=postgres}): TOFU pins and client identities in a
 * PostgreSQL database that several replicas share, so that a certificate pinned or trusted through one replica holds
 * on all of them, and an identity created through one is presented by all.
 *
 * <p>Settings: {@code BURROW_GEMINI_STORE_URL} (a {@code jdbc:postgresql:} URL), {@code BURROW_GEMINI_STORE_USER} and
 * {@code BURROW_GEMINI_STORE_PASSWORD}, {@code BURROW_GEMINI_STORE_KEY} (32 bytes, base64 or hex: the AES-256-GCM key
 * of the identities' private keys, the same on every replica) and {@code BURROW_GEMINI_STORE_POOL_SIZE}. Opening the
 * store connects, and creates or upgrades its tables (versioned migrations recorded in
 * {@code burrow_schema_history}, applied by one replica at a time under an advisory lock). Every pin change is one
 * statement ({@code INSERT … ON CONFLICT}), so replicas pinning the same host at once end with one pin.
 */
public final class PostgresStoreProvider implements GeminiStoreProvider {

    /** The service-loaded instance. */
    public PostgresStoreProvider() {
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public GeminiStorage open(Context context) {
        GeminiStoreSettings s = context.store();
        List<String> problems = new ArrayList<>();
        if (s.url() == null || s.url().isBlank()) {
            problems.add("BURROW_GEMINI_STORE_URL is required when BURROW_GEMINI_STORE is 'postgres' (for example "
                    + "jdbc:postgresql://db:5432/burrow)");
        } else if (!s.url().startsWith("jdbc:postgresql:")) {
            problems.add("BURROW_GEMINI_STORE_URL must be a PostgreSQL JDBC URL starting with 'jdbc:postgresql:'");
        }
        KeyCipher cipher = null;
        if (s.key() == null || s.key().isBlank()) {
            problems.add("BURROW_GEMINI_STORE_KEY is required when BURROW_GEMINI_STORE is 'postgres': it encrypts the "
                    + "client identities' private keys (32 bytes, e.g. the output of 'openssl rand -base64 32'; the "
                    + "same on every replica)");
        } else {
            try {
                cipher = KeyCipher.fromSetting(s.key());
            } catch (IllegalArgumentException e) {
                problems.add("BURROW_GEMINI_STORE_KEY " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return PgStorage.open(s.url(), s.user(), s.password(), s.poolSize(), cipher, context.logger());
    }
}
