package io.burrow.mcp.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.gemini.internal.Certificates;
import io.burrow.mcp.gemini.internal.Fingerprints;
import io.burrow.mcp.gemini.internal.SecureFiles;
import io.burrow.mcp.gemini.internal.StoreFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client certificates ("identities") for capsules that ask for one (status 60).
 *
 * <p>Each identity is a self-signed certificate with its own EC P-256 key, stored as
 * {@code <name>.crt} and {@code <name>.key} (PEM, PKCS#8, unencrypted, mode 0600) in the directory
 * {@code GEMINI_CLIENT_CERTS_STORAGE_PATH} (mode 0700), and registered in {@code identities.json} with its
 * scope. A fetch presents the identity whose scope is the longest match for the URL: same host and port,
 * and the scope path a prefix of the URL path on segment boundaries.
 *
 * <p>Changes are made under a lock shared with other processes and are on disk when they return
 * ({@link StoreFile}). A process killed in the middle of one leaves the store as before or as after it: an
 * identity is registered only once its key and certificate are written, and unregistered before they are
 * removed; key files left behind by such a crash are removed by the next change. Thread-safe.
 *
 * <pre>{@code
 * ClientIdentityStore ids = ClientIdentityStore.open(Path.of("certs"), Clock.systemUTC(), 365);
 * ClientIdentity me = ids.create("gemini://example.org/app", null);
 * ids.match(GeminiUrl.parse("gemini://example.org/app/inbox")); // Optional[me]
 * }</pre>
 */
public final class ClientIdentityStore {

    private static final Logger LOG = LoggerFactory.getLogger(ClientIdentityStore.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String REGISTRY = "identities.json";

    private final Path dir;
    private final StoreFile<Registry> registry;
    private final Clock clock;
    private final int validityDays;
    private final ConcurrentHashMap<String, Material> materials = new ConcurrentHashMap<>();

    /**
     * The content of {@code identities.json}.
     *
     * @param identities the identities, in creation order
     * @param pending names whose key and certificate files may exist without a registered identity: set before
     *     {@code create} writes them and by {@code delete} until it has removed them, so that a process killed in
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

    /**
     * The key and certificate of an identity, for the TLS handshake.
     *
     * @param privateKey the private key
     * @param certificate the certificate
     */
    public record Material(PrivateKey privateKey, X509Certificate certificate) {
    }

    private ClientIdentityStore(Path dir, Clock clock, int validityDays) {
        this.dir = dir.toAbsolutePath().normalize();
        this.registry = new StoreFile<>(this.dir.resolve(REGISTRY), ClientIdentityStore::parse,
                ClientIdentityStore::serialize, new Registry(List.of(), List.of()), ClientIdentityStore::identityFile);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (validityDays < 1) {
            throw new IllegalArgumentException("validityDays must be >= 1");
        }
        this.validityDays = validityDays;
    }

    /**
     * A store in {@code dir} (created on the first identity).
     *
     * @param validityDays how long new certificates are valid
     */
    public static ClientIdentityStore open(Path dir, Clock clock, int validityDays) {
        return new ClientIdentityStore(Objects.requireNonNull(dir, "dir"), clock, validityDays);
    }

    /**
     * The canonical form of a scope: {@code gemini://host[:port]/path} without query, fragment or
     * trailing slash ({@code gemini://host/} for the whole capsule).
     *
     * @throws InvalidRequestException if it is not a gemini URL or has a query
     */
    public static String canonicalScope(String scope) {
        GeminiUrl u = GeminiUrl.parse(scope);
        if (u.hasQuery()) {
            throw new InvalidRequestException("A scope must not contain a query");
        }
        return "gemini://" + u.authority() + scopePath(u.path());
    }

    private static String scopePath(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** Whether {@code scope} (canonical) covers {@code url}. */
    public static boolean covers(String scope, GeminiUrl url) {
        GeminiUrl s = GeminiUrl.parse(scope);
        if (!s.sameOrigin(url)) {
            return false;
        }
        String sp = scopePath(s.path());
        String p = url.path();
        return sp.equals("/") || p.equals(sp) || p.startsWith(sp + "/");
    }

    /**
     * Creates an identity for a scope.
     *
     * @param scope a gemini URL prefix
     * @param name a name ({@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 64), or {@code null} to derive one
     * @throws InvalidRequestException for a bad scope or name, or if the name or the scope is taken
     */
    public ClientIdentity create(String scope, String name) {
        String canonical = canonicalScope(scope);
        String n = name == null || name.isBlank() ? defaultName(canonical) : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new InvalidRequestException("Identity name must be 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return update((current, commit) -> {
            for (ClientIdentity id : current.identities()) {
                if (id.name().equals(n)) {
                    throw new InvalidRequestException("An identity named '" + n + "' exists",
                            "Choose another name or delete it first.");
                }
                if (id.scope().equals(canonical)) {
                    throw new InvalidRequestException("Identity '" + id.name() + "' already covers " + canonical,
                            "Use it, or delete it first to replace it.");
                }
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Instant notAfter = now.plus(Duration.ofDays(validityDays));
            KeyPair keys = Certificates.newKeyPair();
            X509Certificate cert = Certificates.selfSignedClient(keys, n, now.minus(Duration.ofHours(1)), notAfter);
            byte[] crt;
            try {
                crt = Certificates.pem("CERTIFICATE", cert.getEncoded()).getBytes(StandardCharsets.US_ASCII);
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IOException(e);
            }
            commit.write(new Registry(current.identities(), plus(current.pending(), n)));
            SecureFiles.writeAtomically(dir.resolve(n + ".key"),
                    Certificates.pem("PRIVATE KEY", keys.getPrivate().getEncoded()).getBytes(StandardCharsets.US_ASCII));
            SecureFiles.writeAtomically(dir.resolve(n + ".crt"), crt);
            ClientIdentity id = new ClientIdentity(n, canonical, Fingerprints.of(cert), now.toString(), notAfter.toString());
            commit.write(new Registry(plus(current.identities(), id), minus(current.pending(), n)));
            materials.put(n, new Material(keys.getPrivate(), cert));
            return id;
        });
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

    private static String defaultName(String scope) {
        String s = scope.substring("gemini://".length()).replaceAll("[^A-Za-z0-9.]+", "-").replaceAll("-+$", "");
        if (s.length() > 50) {
            s = s.substring(0, 50);
        }
        byte[] r = new byte[3];
        new java.security.SecureRandom().nextBytes(r);
        return s + "-" + HexFormat.of().formatHex(r);
    }

    /** Every identity, in creation order. */
    public List<ClientIdentity> list() {
        try {
            return registry.read().identities();
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable(e);
        }
    }

    /** The identity with this name. */
    public Optional<ClientIdentity> get(String name) {
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * Deletes an identity: unregisters it (no fetch presents it any more), then removes its key and
     * certificate. A file that cannot be removed now is removed by a later change.
     *
     * @return the deleted identity, or empty if there was none with that name
     */
    public Optional<ClientIdentity> delete(String name) {
        ClientIdentity removed = update((current, commit) -> {
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
        });
        materials.remove(name);
        return Optional.ofNullable(removed);
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

    /** The identity to present for {@code url}: the longest scope that covers it. */
    public Optional<ClientIdentity> match(GeminiUrl url) {
        ClientIdentity best = null;
        int bestLength = -1;
        for (ClientIdentity id : list()) {
            if (covers(id.scope(), url)) {
                int length = scopePath(GeminiUrl.parse(id.scope()).path()).length();
                if (length > bestLength) {
                    best = id;
                    bestLength = length;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The key and certificate of an identity.
     *
     * @throws BurrowException {@code FETCH_ERROR} if its files are missing or unreadable
     */
    public Material material(ClientIdentity identity) {
        Material m = materials.get(identity.name());
        if (m != null && Fingerprints.of(m.certificate()).equals(identity.fingerprint())) {
            return m;
        }
        try {
            String key = Files.readString(dir.resolve(identity.name() + ".key"), StandardCharsets.US_ASCII);
            String crt = Files.readString(dir.resolve(identity.name() + ".crt"), StandardCharsets.US_ASCII);
            Material loaded = new Material(Certificates.privateKey(Certificates.fromPem(key, "PRIVATE KEY")),
                    Certificates.parse(Certificates.fromPem(crt, "CERTIFICATE")));
            if (!Fingerprints.of(loaded.certificate()).equals(identity.fingerprint())) {
                throw new IllegalArgumentException("certificate does not match the registry");
            }
            materials.put(identity.name(), loaded);
            return loaded;
        } catch (IOException | IllegalArgumentException e) {
            throw (BurrowException) new BurrowException(ErrorCodes.FETCH_ERROR,
                    "The files of client identity '" + identity.name() + "' are missing or damaged",
                    "Remove the identity with gemini_client_cert_update and create a new one.", e)
                    .withDetail("reason", "identity_unusable");
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
        return new BurrowException(ErrorCodes.FETCH_ERROR, "The client identity registry is corrupt",
                "Repair or remove identities.json in GEMINI_CLIENT_CERTS_STORAGE_PATH.")
                .withDetail("reason", "identity_registry_corrupt");
    }

    private static BurrowException unusable(IOException e) {
        return (BurrowException) new BurrowException(ErrorCodes.FETCH_ERROR, "The client identity store cannot be used",
                "Check that GEMINI_CLIENT_CERTS_STORAGE_PATH names a writable directory.", e)
                .withDetail("reason", "identity_store_unusable");
    }
}
