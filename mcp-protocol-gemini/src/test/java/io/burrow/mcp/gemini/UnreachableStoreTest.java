package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.GeminiStoreProvider;
import io.burrow.mcp.gemini.spi.IdentityKeys;
import io.burrow.mcp.gemini.spi.IdentityStorage;
import io.burrow.mcp.gemini.spi.PinStorage;
import io.burrow.mcp.gemini.tools.GeminiModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A replica whose shared trust store cannot be read is not ready ({@code /readyz}), and says why. */
final class UnreachableStoreTest {

    /** A store whose database is gone: every read fails, as the PostgreSQL store's do. */
    public static final class UnreachableProvider implements GeminiStoreProvider {
        static volatile boolean down;

        @Override
        public String name() {
            return "unreachable";
        }

        @Override
        public GeminiStorage open(Context context) {
            return new GeminiStorage() {
                public String kind() {
                    return "unreachable";
                }

                public PinStorage pins() {
                    return new PinStorage() {
                        public List<TofuPin> all() {
                            return check(List.of());
                        }

                        public Optional<TofuPin> get(String host, int port) {
                            return check(Optional.empty());
                        }

                        public boolean insert(TofuPin pin) {
                            return check(true);
                        }

                        public void replace(TofuPin pin) {
                            check(null);
                        }

                        public void touch(String host, int port, String fingerprint, String lastSeen, String expires) {
                            check(null);
                        }

                        public List<TofuPin> remove(String host, Integer port) {
                            return check(List.of());
                        }
                    };
                }

                public IdentityStorage identities() {
                    return new IdentityStorage() {
                        public List<ClientIdentity> all() {
                            return check(List.of());
                        }

                        public Optional<ClientIdentity> add(ClientIdentity identity, IdentityKeys keys) {
                            return check(Optional.of(identity));
                        }

                        public Optional<ClientIdentity> remove(String name) {
                            return check(Optional.empty());
                        }

                        public Optional<IdentityKeys> keys(String name) {
                            return check(Optional.empty());
                        }
                    };
                }
            };
        }

        /** {@code value}, or the failure a store whose database is gone raises. */
        private static <T> T check(T value) {
            if (down) {
                throw new BurrowException(GeminiErrors.CERTIFICATE_STORE_UNAVAILABLE, "The trust store is unavailable");
            }
            return value;
        }
    }

    @Test
    void aStoreThatCannotBeRead_makesTheServerNotReady_andItIsReadyAgainOnceItCanBe(@TempDir Path dir) {
        try (BurrowServer server = BurrowServer.builder().module(new GeminiModule()).configSources(ConfigSources.empty()
                .withEnv(Map.of("BURROW_GEMINI_STORE", "unreachable",
                        "GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString(),
                        "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString()))).build()) {
            assertThat(server.notReady()).isEmpty();
            UnreachableProvider.down = true;
            assertThat(server.notReady()).containsEntry("gemini", "the Gemini trust store (unreachable) cannot be read");
            UnreachableProvider.down = false;
            assertThat(server.notReady()).as("ready again once the store can be read").isEmpty();
        } finally {
            UnreachableProvider.down = false;
        }
    }
}
