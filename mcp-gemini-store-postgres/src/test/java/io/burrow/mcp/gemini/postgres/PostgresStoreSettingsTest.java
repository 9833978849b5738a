package io.burrow.mcp.gemini.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.gemini.tools.GeminiModule;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postgres store's settings are checked before anything connects (no database needed). */
final class PostgresStoreSettingsTest {

    @TempDir
    Path dir;

    private BurrowServer server(Map<String, String> env) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(env);
        all.put("GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString());
        all.put("GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString());
        return BurrowServer.builder().module(new GeminiModule()).configSources(ConfigSources.empty().withEnv(all))
                .build();
    }

    @Test
    void postgres_withoutUrlOrKey_isRefusedAtStartup_listingBoth() {
        assertThatThrownBy(() -> server(Map.of("BURROW_GEMINI_STORE", "postgres")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v).startsWith("BURROW_GEMINI_STORE_URL is required"))
                        .anySatisfy(v -> assertThat(v).startsWith("BURROW_GEMINI_STORE_KEY is required")));
    }

    @Test
    void postgres_withAnotherUrlOrAShortKey_isRefused_withoutShowingTheKey() {
        String key = "c2hvcnRrZXk=";
        assertThatThrownBy(() -> server(Map.of("BURROW_GEMINI_STORE", "postgres",
                "BURROW_GEMINI_STORE_URL", "jdbc:mysql://db/burrow", "BURROW_GEMINI_STORE_KEY", key)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v).contains("must be a PostgreSQL JDBC URL"))
                        .anySatisfy(v -> assertThat(v).contains("must hold 32 bytes"))
                        .noneSatisfy(v -> assertThat(v).contains(key)));
    }

    @Test
    void unknownStore_isRefused_listingTheStoresFound() {
        assertThatThrownBy(() -> server(Map.of("BURROW_GEMINI_STORE", "redis")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'redis'")
                .hasMessageContaining("[file, postgres]");
    }

    @Test
    void fileStore_withADatabaseUrl_isRefused_asAMistake() {
        assertThatThrownBy(() -> server(Map.of("BURROW_GEMINI_STORE_URL", "jdbc:postgresql://db/burrow")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BURROW_GEMINI_STORE=postgres");
    }

    @Test
    void unreachableDatabase_failsAtStartup_withAClearError_andNoPassword() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String password = "pw-that-must-not-leak-123";
        assertThatThrownBy(() -> server(Map.of("BURROW_GEMINI_STORE", "postgres",
                "BURROW_GEMINI_STORE_URL", "jdbc:postgresql://127.0.0.1:" + port + "/burrow",
                "BURROW_GEMINI_STORE_USER", "burrow", "BURROW_GEMINI_STORE_PASSWORD", password,
                "BURROW_GEMINI_STORE_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]))))
                .isInstanceOfSatisfying(io.burrow.mcp.core.BurrowException.class, e -> {
                    assertThat(e.getMessage()).contains("cannot connect to the database").doesNotContain(password);
                    assertThat(e.details()).containsEntry("reason", "store_unavailable");
                    assertThat(e.code()).isEqualTo("CERTIFICATE_STORE_UNAVAILABLE");
                });
    }
}
