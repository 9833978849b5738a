package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.gemini.internal.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ClientIdentityStoreTest {

    @TempDir
    Path dir;

    private ClientIdentityStore store() {
        return ClientIdentityStore.open(dir.resolve("certs"), Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), 30);
    }

    @Test
    void create_writesPrivatePemFilesAndRegistersTheScope() throws Exception {
        ClientIdentity id = store().create("gemini://Example.org:1965/app/", "me");
        assertThat(id.scope()).isEqualTo("gemini://example.org/app");
        assertThat(id.created()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(id.expires()).isEqualTo("2026-02-01T03:04:05Z");
        Path certs = dir.resolve("certs");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs))).isEqualTo("rwx------");
        for (String f : new String[] {"me.key", "me.crt", "identities.json"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve(f)))).as(f).isEqualTo("rw-------");
        }
        assertThat(Files.readString(certs.resolve("me.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        ClientIdentityStore.Material m = store().material(id);
        X509Certificate cert = m.certificate();
        assertThat(Fingerprints.of(cert)).isEqualTo(id.fingerprint());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=me");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(m.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void match_prefersTheLongestScope_onSegmentBoundaries() {
        ClientIdentityStore s = store();
        s.create("gemini://example.org/", "site");
        s.create("gemini://example.org/app", "app");
        s.create("gemini://example.org/app/admin", "admin");
        s.create("gemini://example.org:1966/", "otherport");
        assertThat(s.match(GeminiUrl.parse("gemini://example.org/app/admin/x")).orElseThrow().name()).isEqualTo("admin");
        assertThat(s.match(GeminiUrl.parse("gemini://example.org/app/administrator")).orElseThrow().name()).isEqualTo("app");
        assertThat(s.match(GeminiUrl.parse("gemini://example.org/app")).orElseThrow().name()).isEqualTo("app");
        assertThat(s.match(GeminiUrl.parse("gemini://example.org/apple")).orElseThrow().name()).isEqualTo("site");
        assertThat(s.match(GeminiUrl.parse("gemini://example.org:1966/app")).orElseThrow().name()).isEqualTo("otherport");
        assertThat(s.match(GeminiUrl.parse("gemini://other.example.org/app"))).isEmpty();
    }

    @Test
    void create_refusesDuplicateNamesAndScopesAndBadInput() {
        ClientIdentityStore s = store();
        s.create("gemini://example.org/a", "one");
        assertThatThrownBy(() -> s.create("gemini://example.org/b", "one")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> s.create("gemini://example.org/a/", "two")).hasMessageContaining("one");
        assertThatThrownBy(() -> s.create("gemini://example.org/c", "../evil")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> s.create("https://example.org/", null)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> s.create("gemini://example.org/q?x", null)).isInstanceOf(InvalidRequestException.class);
        assertThat(s.create("gemini://example.org/d", null).name()).startsWith("example.org-d-");
    }

    @Test
    void delete_removesFilesAndRegistration() {
        ClientIdentityStore s = store();
        s.create("gemini://example.org/a", "one");
        assertThat(s.delete("one")).isPresent();
        assertThat(s.list()).isEmpty();
        assertThat(dir.resolve("certs/one.key")).doesNotExist();
        assertThat(s.delete("one")).isEmpty();
    }

    @Test
    void registry_isSharedBetweenStoreInstances() {
        store().create("gemini://example.org/a", "one");
        assertThat(store().list()).extracting(ClientIdentity::name).containsExactly("one");
    }
}
