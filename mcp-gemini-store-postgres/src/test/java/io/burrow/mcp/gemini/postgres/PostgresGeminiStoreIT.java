package io.burrow.mcp.gemini.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.gemini.ClientIdentity;
import io.burrow.mcp.gemini.ClientIdentityStore;
import io.burrow.mcp.gemini.GeminiStoreContract;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store against a real PostgreSQL ({@code -Pinterop}): {@code scripts/replicas/postgres.sh} starts a
 * throwaway cluster on 127.0.0.1 (Debian's postgresql package; fails, never skips, when it is missing). The store
 * contract runs with each "replica" a store of its own connection pool; then what only a database store has:
 * migrations, keys encrypted at rest, the wrong key named as such.
 */
final class PostgresGeminiStoreIT extends GeminiStoreContract {

    private static final Path ROOT = Path.of(System.getProperty("burrow.repoRoot", "..")).toAbsolutePath().normalize();
    private static final String KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static Path dir;
    private static String url;
    private static String password;

    @BeforeAll
    static void startPostgres() throws Exception {
        dir = Files.createTempDirectory("burrow-pg-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x")); // the postgres user enters
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String out = script("start", dir.resolve("pg").toString(), String.valueOf(port));
        url = out.lines().filter(l -> l.startsWith("jdbc:postgresql:")).findFirst()
                .orElseThrow(() -> new AssertionError("postgres.sh printed no JDBC URL:\n" + out));
        password = Files.readString(dir.resolve("pg/password")).strip();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (dir != null) {
            try {
                script("stop", dir.resolve("pg").toString());
            } finally {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String script(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("scripts/replicas/postgres.sh").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("postgres.sh %s (PostgreSQL is installed by scripts/ci/install-replicas.sh):%n%s", args[0], out)
                .isTrue();
        return out;
    }

    private static Map<String, String> env(String key) {
        Map<String, String> env = new HashMap<>();
        env.put("BURROW_GEMINI_STORE", "postgres");
        env.put("BURROW_GEMINI_STORE_URL", url);
        env.put("BURROW_GEMINI_STORE_USER", "burrow");
        env.put("BURROW_GEMINI_STORE_PASSWORD", password);
        env.put("BURROW_GEMINI_STORE_KEY", key);
        env.put("BURROW_GEMINI_STORE_POOL_SIZE", "3");
        return env;
    }

    private static GeminiStorage open(String key) {
        return new PostgresStoreProvider().open(context(env(key)));
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(url, "burrow", password);
    }

    @BeforeEach
    void emptyTables() throws Exception {
        open(KEY).close(); // creates the tables on the first run
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE gemini_tofu_pins, gemini_client_identities");
        }
    }

    @Override
    protected GeminiStorage openStorage() {
        return open(KEY);
    }

    @Test
    void replicasStartingTogether_migrateOnce() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE gemini_tofu_pins, gemini_client_identities, burrow_schema_history");
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GeminiStorage>> opening = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opening.add(pool.submit(() -> open(KEY)));
            }
            for (Future<GeminiStorage> f : opening) {
                f.get(60, TimeUnit.SECONDS).close();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version, script FROM burrow_schema_history")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(1);
            assertThat(r.getString(2)).isEqualTo("V1__pins_and_identities.sql");
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void schemaNewerThanThisRelease_orAnEditedMigration_isRefused() throws Exception {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO burrow_schema_history (version, script, checksum) VALUES (99, 'V99__x.sql', 'x')");
        }
        try {
            assertThatThrownBy(() -> open(KEY)).isInstanceOfSatisfying(BurrowException.class, e -> assertThat(
                    e.getMessage()).contains("version 99, newer than this release knows (1)"));
        } finally {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM burrow_schema_history WHERE version = 99");
            }
        }
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("UPDATE burrow_schema_history SET checksum = 'edited' WHERE version = 1");
        }
        try {
            assertThatThrownBy(() -> open(KEY)).isInstanceOf(BurrowException.class)
                    .hasMessageContaining("V1__pins_and_identities.sql differs from the one applied");
        } finally {
            try (Connection c = admin(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE gemini_tofu_pins, gemini_client_identities, burrow_schema_history");
            }
            open(KEY).close();
        }
    }

    @Test
    void privateKeys_areEncryptedAtRest_andBoundToTheirRow() throws Exception {
        try (GeminiStorage s = open(KEY)) {
            ClientIdentityStore ids = ClientIdentityStore.open(s.identities(), Clock.systemUTC(), 30);
            ClientIdentity a = ids.create("gemini://a.example/", "a");
            ClientIdentity b = ids.create("gemini://b.example/", "b");
            byte[] pkcs8 = ids.material(a).privateKey().getEncoded();
            try (Connection c = admin(); PreparedStatement p = c.prepareStatement(
                    "SELECT private_key, key_id FROM gemini_client_identities WHERE name = 'a'");
                    ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                byte[] stored = r.getBytes(1);
                assertThat(indexOf(stored, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)))
                        .as("the key's bytes do not appear in the database").isEqualTo(-1);
                assertThat(r.getString(2)).hasSize(16).doesNotContain(KEY);
            }
            // a's encrypted key copied onto b's row does not decrypt there
            try (Connection c = admin(); Statement st = c.createStatement()) {
                st.execute("UPDATE gemini_client_identities SET private_key = "
                        + "(SELECT private_key FROM gemini_client_identities WHERE name = 'a') WHERE name = 'b'");
            }
            try (GeminiStorage fresh = open(KEY)) {
                assertThatThrownBy(() -> ClientIdentityStore.open(fresh.identities(), Clock.systemUTC(), 30).material(b))
                        .isInstanceOfSatisfying(BurrowException.class, e -> {
                            assertThat(e.details()).containsEntry("reason", "identity_unusable");
                            assertThat(e.getMessage()).contains("does not decrypt");
                        });
            }
        }
    }

    @Test
    void aReplicaWithAnotherKey_isToldSo_andStillServesPins() {
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        ClientIdentity id;
        try (GeminiStorage s = open(KEY)) {
            id = ClientIdentityStore.open(s.identities(), Clock.systemUTC(), 30).create("gemini://k.example/", "k");
        }
        try (GeminiStorage wrong = open(otherKey)) {
            assertThatThrownBy(() -> ClientIdentityStore.open(wrong.identities(), Clock.systemUTC(), 30).material(id))
                    .isInstanceOfSatisfying(BurrowException.class, e -> {
                        assertThat(e.details()).containsEntry("reason", "identity_unusable");
                        assertThat(e.getMessage()).contains("encrypted with another BURROW_GEMINI_STORE_KEY")
                                .doesNotContain(KEY).doesNotContain(otherKey);
                    });
            assertThat(wrong.pins().all()).isEmpty();
        }
    }

    @Test
    void aDatabaseThatGoesAway_failsClosed_withStoreUnavailable() throws Exception {
        try (GeminiStorage s = open(KEY)) {
            try (Connection c = admin(); Statement st = c.createStatement()) {
                st.execute("ALTER TABLE gemini_tofu_pins RENAME TO gemini_tofu_pins_away");
            }
            try {
                assertThatThrownBy(() -> s.pins().get("a.example", 1965))
                        .isInstanceOfSatisfying(BurrowException.class, e -> {
                            assertThat(e.code()).isEqualTo("CERTIFICATE_STORE_UNAVAILABLE");
                            assertThat(e.details()).containsEntry("reason", "store_unavailable");
                            assertThat(e.getMessage()).doesNotContain(password).doesNotContain("gemini_tofu_pins");
                        });
            } finally {
                try (Connection c = admin(); Statement st = c.createStatement()) {
                    st.execute("ALTER TABLE gemini_tofu_pins_away RENAME TO gemini_tofu_pins");
                }
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
