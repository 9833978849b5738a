package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the TOFU and identity stores find on disk after a crash or a damaged write, set up by hand: the
 * states {@link StoreCrashIT} reaches by killing processes, and the ones only another writer or a damaged
 * disk can leave (a torn or emptied file).
 */
final class StoreRecoveryTest {

    private static final String A = "aa".repeat(32);
    private static final String B = "bb".repeat(32);
    private static final String C = "cc".repeat(32);

    @TempDir
    Path dir;

    private TofuStore tofu() {
        return TofuStore.open(dir.resolve("tofu.json"), Clock.systemUTC());
    }

    private ClientIdentityStore identities() {
        return ClientIdentityStore.open(dir.resolve("certs"), Clock.systemUTC(), 30);
    }

    private static String temporary(String target) {
        return "." + target + "." + UUID.randomUUID() + ".tmp";
    }

    @Test
    void tofu_temporaryFilesOfAKilledWriter_areIgnored_andTheNextChangeRemovesThem() throws Exception {
        tofu().trust("a.example", 1965, A);
        Files.writeString(dir.resolve(temporary("tofu.json")), "{\"b.example:1965\": {\"host\": \"b.exa"); // torn
        Files.writeString(dir.resolve(temporary("tofu.json.bak")), "");
        Path someoneElses = Files.writeString(dir.resolve(temporary("other.json")), "{}");
        Path unrelated = Files.writeString(dir.resolve("notes.tmp"), "mine");

        assertThat(tofu().list()).extracting(TofuPin::fingerprint).containsExactly(A);
        tofu().trust("b.example", 1965, B);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tofu.json")))
                    .as("temporary files of the store").isEmpty();
        }
        assertThat(someoneElses).exists();
        assertThat(unrelated).exists();
        assertThat(tofu().list()).extracting(TofuPin::fingerprint).containsExactlyInAnyOrder(A, B);
    }

    @Test
    void tofu_tornFile_isReadFromItsLastGoodCopy_andRepairedByTheNextChange() throws Exception {
        tofu().trust("a.example", 1965, A);
        tofu().trust("b.example", 1965, B);
        Path file = dir.resolve("tofu.json");
        byte[] whole = Files.readAllBytes(file);
        byte[] torn = Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, torn);

        TofuStore store = tofu();
        assertThat(store.list()).extracting(TofuPin::fingerprint).containsExactlyInAnyOrder(A, B);
        assertThat(store.pin("b.example", 1965).orElseThrow().fingerprint()).isEqualTo(B);

        store.trust("c.example", 1965, C);
        assertThat(Json.parse(file.toFile()).size()).isEqualTo(3);
        assertThat(Files.readAllBytes(dir.resolve("tofu.json.damaged"))).isEqualTo(torn);
        assertThat(tofu().list()).extracting(TofuPin::fingerprint).containsExactlyInAnyOrder(A, B, C);
    }

    @Test
    void tofu_emptiedFile_isReadFromItsLastGoodCopy_notAsAnEmptyStore() throws Exception {
        tofu().trust("a.example", 1965, A);
        Files.write(dir.resolve("tofu.json"), new byte[0]);
        assertThat(tofu().pin("a.example", 1965)).map(TofuPin::fingerprint).contains(A);
    }

    @Test
    void tofu_everyChange_leavesTheFileAndAnIdenticalPrivateCopy() throws Exception {
        tofu().trust("a.example", 1965, A);
        tofu().forget("a.example", null);
        tofu().trust("b.example", 1965, B);
        Path file = dir.resolve("tofu.json");
        Path copy = dir.resolve("tofu.json.bak");
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(Json.parse(copy.toFile()).fieldNames()).toIterable().containsExactly("b.example:1965");
    }

    @Test
    void tofu_tornFileAndTornCopy_failClosed_andAreLeftAlone() throws Exception {
        tofu().trust("a.example", 1965, A);
        Files.writeString(dir.resolve("tofu.json"), "{\"a.exam");
        Files.writeString(dir.resolve("tofu.json.bak"), "{\"a.example:1965\": {");
        assertThatThrownBy(() -> tofu().list()).isInstanceOfSatisfying(BurrowException.class,
                e -> assertThat(e.details()).containsEntry("reason", "tofu_store_corrupt"));
        assertThatThrownBy(() -> tofu().trust("b.example", 1965, B)).isInstanceOf(BurrowException.class);
        assertThat(Files.readString(dir.resolve("tofu.json"))).isEqualTo("{\"a.exam");
    }

    @Test
    void identities_tornRegistry_isReadFromItsLastGoodCopy() throws Exception {
        ClientIdentity me = identities().create("gemini://example.org/", "me");
        Path registry = dir.resolve("certs/identities.json");
        Files.writeString(registry, Files.readString(registry).substring(0, 20));
        ClientIdentityStore store = identities();
        assertThat(store.list()).containsExactly(me);
        assertThat(store.material(me).certificate()).isNotNull();
    }

    @Test
    void identities_deleteThatCannotRemoveItsFiles_stillUnregisters_andALaterChangeRemovesThem() throws Exception {
        ClientIdentityStore store = identities();
        ClientIdentity me = store.create("gemini://example.org/", "me");
        // a certificate that cannot be removed, as when a process dies between the two steps of a delete
        Path crt = dir.resolve("certs/me.crt");
        Files.delete(crt);
        Files.createDirectories(crt.resolve("stuck"));

        assertThat(store.delete("me")).contains(me);
        ClientIdentityStore fresh = identities();
        assertThat(fresh.list()).as("never a registered identity without its files").isEmpty();
        assertThat(dir.resolve("certs/me.key")).doesNotExist();

        Files.delete(crt.resolve("stuck"));
        fresh.create("gemini://example.org/other", "other");
        assertThat(crt).doesNotExist();
        assertThat(fresh.list()).extracting(ClientIdentity::name).containsExactly("other");
    }

    @Test
    void identities_filesOfAnInterruptedCreate_areRemovedByTheNextChange() throws Exception {
        identities().create("gemini://example.org/", "me");
        // what a process killed after writing the files of 'ghost' but before registering it leaves
        Path certs = dir.resolve("certs");
        String registry = Files.readString(certs.resolve("identities.json"));
        Files.writeString(certs.resolve("identities.json"), registry.replaceFirst("\\}\\s*$", ", \"pending\": [\"ghost\"]}"));
        Files.writeString(certs.resolve("ghost.key"), "-----BEGIN PRIVATE KEY-----\n");
        Files.writeString(certs.resolve("ghost.crt"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(certs.resolve(temporary("ghost.key")), "torn");

        ClientIdentityStore store = identities();
        assertThat(store.list()).extracting(ClientIdentity::name).containsExactly("me");
        store.create("gemini://example.org/x", "x");

        try (var files = Files.list(certs)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("ghost"))).isEmpty();
        }
        assertThat(Json.parse(certs.resolve("identities.json").toFile()).has("pending")).isFalse();
        assertThat(store.list()).extracting(ClientIdentity::name).containsExactly("me", "x");
    }

    @Test
    void identities_createAndDelete_leaveNothingPending() throws Exception {
        ClientIdentityStore store = identities();
        store.create("gemini://example.org/", "me");
        store.delete("me");
        Path certs = dir.resolve("certs");
        assertThat(Json.parse(certs.resolve("identities.json").toFile()).has("pending")).isFalse();
        try (var files = Files.list(certs)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("identities.json", "identities.json.bak", "identities.json.lock");
        }
        assertThat(store.list()).isEmpty();
    }
}
