package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.Settings;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.GeminiStoreProvider;
import io.burrow.mcp.gemini.tools.GeminiModule;
import io.burrow.mcp.gemini.tools.GeminiSettings;
import io.burrow.mcp.gemini.tools.GeminiStoreSettings;
import io.burrow.mcp.gemini.spi.IdentityKeys;
import io.burrow.mcp.testkit.gemini.ServerCertificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What every Gemini store ({@link io.burrow.mcp.gemini.spi.GeminiStoreProvider}) must do, seen through
 * {@link TofuStore} and {@link ClientIdentityStore} as a server uses them. Each test opens the store twice, as two
 * replicas would ({@link #openReplica()}), and checks that what one does the other sees, and that the two racing for
 * the same host or identity name end with one winner. A store's test extends this and opens an empty store.
 */
public abstract class GeminiStoreContract {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ServerCertificate CERT_A = ServerCertificate.generate();
    private static final ServerCertificate CERT_B = ServerCertificate.generate();

    private final List<GeminiStorage> opened = new ArrayList<>();

    /**
     * Opens the store under test: every call in one test opens another instance on the same, initially empty, state
     * (as another replica would).
     */
    protected abstract GeminiStorage openStorage();

    /**
     * What a provider is opened with, bound from environment variables as a server binds them (the Gemini and
     * store settings groups).
     */
    protected static GeminiStoreProvider.Context context(Map<String, String> env) {
        Settings all = BurrowServer.catalog(List.of(new GeminiModule())).bind(ConfigSources.empty().withEnv(env));
        return new GeminiStoreProvider.Context(all.get(GeminiSettings.class), all.get(GeminiStoreSettings.class),
                Clock.systemUTC(), LoggerFactory.getLogger(GeminiStoreContract.class));
    }

    private GeminiStorage openReplica() {
        GeminiStorage s = openStorage();
        opened.add(s);
        return s;
    }

    private TofuStore tofu(GeminiStorage s) {
        return TofuStore.open(s.pins(), CLOCK);
    }

    private ClientIdentityStore ids(GeminiStorage s) {
        return ClientIdentityStore.open(s.identities(), CLOCK, 30);
    }

    @AfterEach
    void closeReplicas() {
        opened.forEach(GeminiStorage::close);
    }

    @Test
    void firstUse_onOneReplica_isAMatchOnTheOther() {
        TofuStore one = tofu(openReplica());
        TofuStore two = tofu(openReplica());
        assertThat(one.verify("Capsule.Example", 1965, CERT_A.certificate(), false).status()).isEqualTo("first_use");
        assertThat(two.verify("capsule.example", 1965, CERT_A.certificate(), false).status()).isEqualTo("match");
        TofuPin pin = two.pin("capsule.example", 1965).orElseThrow();
        assertThat(pin.fingerprint()).isEqualTo(CERT_A.fingerprint());
        assertThat(pin.firstSeen()).isEqualTo(NOW.toString());
        assertThat(pin.expires()).isNotNull();
        assertThat(two.list()).containsExactly(pin);
    }

    @Test
    void changedCertificate_refusedEverywhere_untilTrustedOnOneReplica() {
        TofuStore one = tofu(openReplica());
        TofuStore two = tofu(openReplica());
        one.verify("capsule.example", 1965, CERT_A.certificate(), false);
        assertThatThrownBy(() -> two.verify("capsule.example", 1965, CERT_B.certificate(), false))
                .isInstanceOfSatisfying(BurrowException.class,
                        e -> assertThat(e.code()).isEqualTo("CERTIFICATE_CHANGED"));
        one.trust("capsule.example", 1965, CERT_B.fingerprint());
        assertThat(two.verify("capsule.example", 1965, CERT_B.certificate(), false).status()).isEqualTo("match");
        assertThatThrownBy(() -> one.verify("capsule.example", 1965, CERT_A.certificate(), false))
                .isInstanceOf(BurrowException.class);
    }

    @Test
    void pinsAreKeyedByHostAndPort_andForgetRemovesOneOrAllPorts() {
        TofuStore one = tofu(openReplica());
        TofuStore two = tofu(openReplica());
        one.verify("a.example", 1965, CERT_A.certificate(), false);
        one.verify("a.example", 1966, CERT_B.certificate(), false);
        one.verify("b.example", 1965, CERT_B.certificate(), false);
        one.verify("::1", 1965, CERT_A.certificate(), false);
        assertThat(two.list()).extracting(TofuPin::key)
                .containsExactly("[::1]:1965", "a.example:1965", "a.example:1966", "b.example:1965");
        assertThat(two.forget("a.example", 1966)).extracting(TofuPin::key).containsExactly("a.example:1966");
        assertThat(two.forget("nothing.example", null)).isEmpty();
        one.verify("a.example", 1967, CERT_A.certificate(), false);
        assertThat(two.forget("a.example", null)).extracting(TofuPin::key)
                .containsExactlyInAnyOrder("a.example:1965", "a.example:1967");
        assertThat(one.list()).extracting(TofuPin::key).containsExactly("[::1]:1965", "b.example:1965");
    }

    @Test
    void storage_insertKeepsTheFirstPin_replaceOverwrites_touchNeedsTheFingerprint() {
        GeminiStorage s = openReplica();
        TofuPin first = new TofuPin("h.example", 1965, CERT_A.fingerprint(), "2026-01-01T00:00:00Z",
                "2026-01-01T00:00:00Z", null);
        assertThat(s.pins().insert(first)).isTrue();
        assertThat(openReplica().pins().insert(new TofuPin("h.example", 1965, CERT_B.fingerprint(),
                "2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z", null))).isFalse();
        assertThat(s.pins().get("h.example", 1965)).contains(first);
        s.pins().touch("h.example", 1965, CERT_B.fingerprint(), "2026-03-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assertThat(s.pins().get("h.example", 1965)).contains(first);
        s.pins().touch("h.example", 1965, CERT_A.fingerprint(), "2026-03-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assertThat(s.pins().get("h.example", 1965).orElseThrow())
                .isEqualTo(new TofuPin("h.example", 1965, CERT_A.fingerprint(), "2026-01-01T00:00:00Z",
                        "2026-03-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        TofuPin other = new TofuPin("h.example", 1965, CERT_B.fingerprint(), "2026-04-01T00:00:00Z",
                "2026-04-01T00:00:00Z", null);
        s.pins().replace(other);
        assertThat(openReplica().pins().get("h.example", 1965)).contains(other);
        assertThat(s.pins().get("h.example", 1966)).isEmpty();
    }

    @Test
    void replicasPinningTheSameHostAtOnce_endWithOnePin_andOneFirstUse() throws Exception {
        List<TofuStore> replicas = List.of(tofu(openReplica()), tofu(openReplica()));
        ServerCertificate[] certs = {CERT_A, CERT_B};
        for (int round = 0; round < 5; round++) {
            String host = "race" + round + ".example";
            int threads = 8;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    TofuStore store = replicas.get(i % 2);
                    ServerCertificate cert = certs[(i / 2) % 2];
                    outcomes.add(pool.submit((Callable<String>) () -> {
                        start.await();
                        try {
                            return store.verify(host, 1965, cert.certificate(), false).status() + " " + cert.fingerprint();
                        } catch (BurrowException e) {
                            return e.code() + " " + cert.fingerprint();
                        }
                    }));
                }
                start.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    results.add(f.get(60, TimeUnit.SECONDS));
                }
                List<String> firstUses = results.stream().filter(r -> r.startsWith("first_use")).toList();
                assertThat(firstUses).as("round %d: %s", round, results).hasSize(1);
                String winner = firstUses.get(0).split(" ")[1];
                assertThat(replicas.get(1).pin(host, 1965).orElseThrow().fingerprint()).isEqualTo(winner);
                for (String r : results) {
                    String fp = r.split(" ")[1];
                    assertThat(r).as("round %d", round).startsWith(fp.equals(winner) ? "" : "CERTIFICATE_CHANGED");
                    if (fp.equals(winner)) {
                        assertThat(r).matches("(first_use|match) .*");
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void identityCreatedOnOneReplica_isPresentedByTheOther_withTheSameKey() {
        ClientIdentityStore one = ids(openReplica());
        ClientIdentityStore two = ids(openReplica());
        ClientIdentity id = one.create("gemini://capsule.example/app/", "me");
        assertThat(id.scope()).isEqualTo("gemini://capsule.example/app");
        assertThat(two.list()).containsExactly(id);
        assertThat(two.match(GeminiUrl.parse("gemini://capsule.example/app/inbox"))).contains(id);
        assertThat(two.match(GeminiUrl.parse("gemini://capsule.example/apple"))).isEmpty();
        ClientIdentityStore.Material a = one.material(id);
        ClientIdentityStore.Material b = two.material(id);
        assertThat(b.certificate()).isEqualTo(a.certificate());
        assertThat(b.privateKey().getEncoded()).isEqualTo(a.privateKey().getEncoded());
        assertThat(ids(openReplica()).material(id).privateKey().getEncoded()).isEqualTo(a.privateKey().getEncoded());
    }

    @Test
    void identityNamesAndScopes_areUniqueAcrossReplicas_andDeleteIsSeenEverywhere() {
        ClientIdentityStore one = ids(openReplica());
        ClientIdentityStore two = ids(openReplica());
        ClientIdentity first = one.create("gemini://capsule.example/", "first");
        ClientIdentity second = one.create("gemini://capsule.example/deep", "second");
        assertThatThrownBy(() -> two.create("gemini://other.example/", "first"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("named 'first' exists");
        assertThatThrownBy(() -> two.create("gemini://capsule.example/deep/", "third"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'second' already covers");
        assertThat(two.list()).containsExactly(first, second);
        assertThat(two.delete("first")).contains(first);
        assertThat(two.delete("first")).isEmpty();
        assertThat(one.list()).containsExactly(second);
        assertThat(one.match(GeminiUrl.parse("gemini://capsule.example/x"))).isEmpty();
        ClientIdentity again = one.create("gemini://capsule.example/", "first");
        assertThat(two.list()).containsExactly(second, again);
        assertThat(again.fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void replicasCreatingTheSameIdentityAtOnce_endWithOne() throws Exception {
        List<ClientIdentityStore> replicas = List.of(ids(openReplica()), ids(openReplica()));
        int threads = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ClientIdentityStore store = replicas.get(i % 2);
                int n = i;
                outcomes.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    try {
                        return "created " + store.create("gemini://race.example/" + (n % 2 == 0 ? "" : "p" + n), "same")
                                .fingerprint();
                    } catch (InvalidRequestException e) {
                        return "refused";
                    }
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> f : outcomes) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(results.stream().filter(r -> r.startsWith("created"))).as("%s", results).hasSize(1);
            List<ClientIdentity> stored = replicas.get(0).list();
            assertThat(stored).hasSize(1);
            assertThat(results).contains("created " + stored.get(0).fingerprint());
            assertThat(replicas.get(1).material(stored.get(0)).certificate()).isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storedKeys_roundTrip_andUnknownNamesHaveNone() {
        GeminiStorage s = openReplica();
        ClientIdentityStore ids = ids(s);
        ClientIdentity id = ids.create("gemini://k.example/", "k");
        IdentityKeys keys = openReplica().identities().keys("k").orElseThrow();
        assertThat(keys.privateKeyPkcs8()).isEqualTo(ids.material(id).privateKey().getEncoded());
        assertThat(keys.toString()).doesNotContain(java.util.HexFormat.of().formatHex(keys.privateKeyPkcs8()));
        assertThat(s.identities().keys("nobody")).isEmpty();
        assertThat(s.identities().remove("nobody")).isEmpty();
    }
}
