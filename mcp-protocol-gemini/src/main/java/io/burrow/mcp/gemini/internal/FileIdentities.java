package io.burrow.mcp.gemini.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.gemini.ClientIdentity;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.spi.IdentityKeys;
import io.burrow.mcp.gemini.spi.IdentityStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store's client identities: {@code <name>.crt} and {@code <name>.key} (PEM, PKCS#8, unencrypted, mode
 * 0600) in a directory (mode 0700), registered in {@code identities.json}.
 *
 * <p>Changes are made under a lock shared with other processes and are on disk when they return
 * ({@link StoreFile}). A process killed in the middle of one leaves the store as before or as after it: an identity is
 * registered only once its key and certificate are written, and unregistered before they are removed; key files left
 * behind by such a crash are removed by the next change.
 */
public final class FileIdentities implements IdentityStorage {

    private static final Logger LOG = LoggerFactory.getLogger(FileIdentities.class);
    /** Identity names: also file names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String REGISTRY = "identities.json";

    private final Path dir;
    private final StoreFile<Registry> registry;

    /**
     * The content of {@code identities.json}.
     *
     * @param identities the identities, in creation order
     * @param pending names whose key and certificate files may exist without a registered identity: set before
     *     {@code add} writes them and by {@code remove} until it has removed them, so that a process killed in
     *     between leaves files that the next change removes (and never a registered identity without its files)
     */
    private record Registry(List<ClientIdentity> identities, List<String> pending) {
        Registry {
            identities = List.copyOf(identities);
            pending = List.copyOf(pending);
        }

        boolean registered(String name) {
            return identities.stream().anyMatch(i -> i.name().equals(name));
        }
    }

    /** Identities kept in {@code dir} (created on the first identity). */
    public FileIdentities(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.registry = new StoreFile<>(this.dir.resolve(REGISTRY), FileIdentities::parse,
                FileIdentities::serialize, new Registry(List.of(), List.of()), FileIdentities::identityFile);
    }

    @Override
    public List<ClientIdentity> all() {
        try {
            return registry.read().identities();
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable(e);
        }
    }

    @Override
    public Optional<ClientIdentity> add(ClientIdentity identity, IdentityKeys keys) {
        String n = identity.name();
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("not an identity name: " + n);
        }
        return update((current, commit) -> {
            for (ClientIdentity id : current.identities()) {
                if (id.name().equals(n) || id.scope().equals(identity.scope())) {
                    return Optional.of(id);
                }
            }
            commit.write(new Registry(current.identities(), plus(current.pending(), n)));
            SecureFiles.writeAtomically(dir.resolve(n + ".key"),
                    Certificates.pem("PRIVATE KEY", keys.privateKeyPkcs8()).getBytes(StandardCharsets.US_ASCII));
            SecureFiles.writeAtomically(dir.resolve(n + ".crt"),
                    Certificates.pem("CERTIFICATE", keys.certificateDer()).getBytes(StandardCharsets.US_ASCII));
            commit.write(new Registry(plus(current.identities(), identity), minus(current.pending(), n)));
            return Optional.empty();
        });
    }

    @Override
    public Optional<ClientIdentity> remove(String name) {
        return Optional.ofNullable(update((current, commit) -> {
            ClientIdentity found = current.identities().stream().filter(i -> i.name().equals(name)).findFirst()
                    .orElse(null);
            if (found == null) {
                return null;
            }
            List<ClientIdentity> rest = new ArrayList<>(current.identities());
            rest.remove(found);
            // unregister first: from now on no fetch presents it, and a crash leaves only files to remove
            commit.write(new Registry(rest, plus(current.pending(), name)));
            if (deleteFiles(name)) {
                commit.write(new Registry(rest, minus(current.pending(), name)));
            }
            return found;
        }));
    }

    @Override
    public Optional<IdentityKeys> keys(String name) {
        if (all().stream().noneMatch(i -> i.name().equals(name))) {
            return Optional.empty();
        }
        try {
            String key = Files.readString(dir.resolve(name + ".key"), StandardCharsets.US_ASCII);
            String crt = Files.readString(dir.resolve(name + ".crt"), StandardCharsets.US_ASCII);
            return Optional.of(new IdentityKeys(Certificates.fromPem(key, "PRIVATE KEY"),
                    Certificates.fromPem(crt, "CERTIFICATE")));
        } catch (IOException | IllegalArgumentException e) {
            throw unusableIdentity(name, e);
        }
    }

    private static BurrowException unusableIdentity(String name, Exception e) {
        return (BurrowException) new BurrowException(ErrorCodes.FETCH_ERROR,
                "The files of client identity '" + name + "' are missing or damaged",
                "Remove the identity with gemini_client_cert_update and create a new one.", e)
                .withDetail("reason", "identity_unusable");
    }

    private static <E> List<E> plus(List<E> list, E element) {
        List<E> out = new ArrayList<>(list);
        if (!out.contains(element)) {
            out.add(element);
        }
        return out;
    }

    private static <E> List<E> minus(List<E> list, E element) {
        List<E> out = new ArrayList<>(list);
        out.remove(element);
        return out;
    }

    /**
     * Deletes the key and certificate of an unregistered name.
     *
     * @return whether both are gone; if not, the name stays pending and the next change tries again
     */
    private boolean deleteFiles(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name + ".key"));
            Files.deleteIfExists(dir.resolve(name + ".crt"));
            return true;
        } catch (IOException e) {
            LOG.warn("Cannot remove the files of deleted client identity '{}' yet ({}); the next change retries",
                    name, e.toString());
            return false;
        }
    }

    /**
     * Runs a change under the registry's lock, after removing the files of names left pending by a process
     * that died while creating or deleting an identity. The change starts from the registry without them.
     */
    private <T> T update(StoreFile.Transaction<Registry, T> change) {
        try {
            return registry.update((current, commit) -> {
                List<String> left = new ArrayList<>();
                for (String name : current.pending()) {
                    if (!current.registered(name) && !deleteFiles(name)) {
                        left.add(name);
                    }
                }
                return change.run(new Registry(current.identities(), left), commit);
            });
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable(e);
        }
    }

    /** Whether a file name is one written under the registry's lock: a key or certificate of an identity. */
    private static boolean identityFile(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && (fileName.endsWith(".key") || fileName.endsWith(".crt"))
                && NAME.matcher(fileName.substring(0, dot)).matches();
    }

    private static byte[] serialize(Registry r) {
        ObjectNode root = Json.object();
        ArrayNode arr = root.putArray("identities");
        r.identities().forEach(i -> arr.add(Json.toTree(i)));
        if (!r.pending().isEmpty()) {
            ArrayNode pending = root.putArray("pending");
            r.pending().forEach(pending::add);
        }
        try {
            return Json.wirePrettyWriter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the identity registry", e);
        }
    }

    private static Registry parse(byte[] bytes) throws StoreFile.DamagedFileException {
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (IOException e) {
            throw new StoreFile.DamagedFileException("not JSON");
        }
        if (root == null || !root.path("identities").isArray()) {
            throw new StoreFile.DamagedFileException("no identities array");
        }
        List<ClientIdentity> list = new ArrayList<>();
        for (JsonNode n : root.path("identities")) {
            if (!n.path("name").isTextual() || !n.path("scope").isTextual() || !n.path("fingerprint").isTextual()) {
                throw new StoreFile.DamagedFileException("an identity lacks name, scope or fingerprint");
            }
            list.add(new ClientIdentity(n.path("name").asText(), n.path("scope").asText(),
                    n.path("fingerprint").asText().toLowerCase(Locale.ROOT), n.path("created").asText(null),
                    n.path("expires").asText(null)));
        }
        List<String> pending = new ArrayList<>();
        for (JsonNode n : root.path("pending")) {
            if (!n.isTextual() || !NAME.matcher(n.asText()).matches()) {
                throw new StoreFile.DamagedFileException("a pending entry is not an identity name");
            }
            pending.add(n.asText());
        }
        return new Registry(list, pending);
    }

    private static BurrowException corrupt() {
        return new BurrowException(GeminiErrors.CERTIFICATE_STORE_UNAVAILABLE, "The client identity registry is corrupt",
                "Repair or remove identities.json in GEMINI_CLIENT_CERTS_STORAGE_PATH.")
                .withDetail("reason", "identity_registry_corrupt");
    }

    private static BurrowException unusable(IOException e) {
        return (BurrowException) new BurrowException(GeminiErrors.CERTIFICATE_STORE_UNAVAILABLE,
                "The client identity store cannot be used",
                "Check that GEMINI_CLIENT_CERTS_STORAGE_PATH names a writable directory.", e)
                .withDetail("reason", "identity_store_unusable");
    }
}
