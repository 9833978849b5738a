package io.burrow.mcp.gemini;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.gemini.internal.Certificates;
import io.burrow.mcp.gemini.internal.FileIdentities;
import io.burrow.mcp.gemini.internal.Fingerprints;
import io.burrow.mcp.gemini.spi.IdentityKeys;
import io.burrow.mcp.gemini.spi.IdentityStorage;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client certificates ("identities") for capsules that ask for one (status 60).
 *
 * <p>Each identity is a self-signed certificate with its own EC P-256 key, registered with its scope in an
 * {@link IdentityStorage}: by default a directory ({@code GEMINI_CLIENT_CERTS_STORAGE_PATH}, mode 0700) holding
 * {@code <name>.crt} and {@code <name>.key} (PEM, PKCS#8, unencrypted, mode 0600) and the registry
 * {@code identities.json}; or a database shared by replicas ({@code BURROW_GEMINI_STORE}), where private keys are
 * encrypted. A fetch presents the identity whose scope is the longest match for the URL: same host and port,
 * and the scope path a prefix of the URL path on segment boundaries.
 *
 * <p>Changes are made in the storage before they return, so servers sharing it see them at once. In the file store
 * they are made under a lock shared with other processes; a process killed in the middle of one leaves the store as
 * before or as after it. Thread-safe.
 *
 * <pre>{@code
 * ClientIdentityStore ids = ClientIdentityStore.open(Path.of("certs"), Clock.systemUTC(), 365);
 * ClientIdentity me = ids.create("gemini://example.org/app", null);
 * ids.match(GeminiUrl.parse("gemini://example.org/app/inbox")); // Optional[me]
 * }</pre>
 */
public final class ClientIdentityStore {

    private final IdentityStorage storage;
    private final Clock clock;
    private final int validityDays;
    private final ConcurrentHashMap<String, Material> materials = new ConcurrentHashMap<>();

    /**
     * The key and certificate of an identity, for the TLS handshake.
     *
     * @param privateKey the private key
     * @param certificate the certificate
     */
    public record Material(PrivateKey privateKey, X509Certificate certificate) {
    }

    private ClientIdentityStore(IdentityStorage storage, Clock clock, int validityDays) {
        this.storage = Objects.requireNonNull(storage, "storage");
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
        return new ClientIdentityStore(new FileIdentities(Objects.requireNonNull(dir, "dir")), clock, validityDays);
    }

    /**
     * A store kept in {@code storage} (a {@link io.burrow.mcp.gemini.spi.GeminiStorage}'s identities).
     *
     * @param validityDays how long new certificates are valid
     */
    public static ClientIdentityStore open(IdentityStorage storage, Clock clock, int validityDays) {
        return new ClientIdentityStore(storage, clock, validityDays);
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
        if (!FileIdentities.NAME.matcher(n).matches()) {
            throw new InvalidRequestException("Identity name must be 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        for (ClientIdentity id : storage.all()) { // the usual conflicts, before making a key
            conflict(id, n, canonical);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = now.plus(Duration.ofDays(validityDays));
        KeyPair keys = Certificates.newKeyPair();
        X509Certificate cert = Certificates.selfSignedClient(keys, n, now.minus(Duration.ofHours(1)), notAfter);
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate just made", e);
        }
        ClientIdentity id = new ClientIdentity(n, canonical, Fingerprints.of(cert), now.toString(), notAfter.toString());
        Optional<ClientIdentity> taken = storage.add(id, new IdentityKeys(keys.getPrivate().getEncoded(), der));
        taken.ifPresent(other -> conflict(other, n, canonical)); // made by another server a moment ago
        materials.put(n, new Material(keys.getPrivate(), cert));
        return id;
    }

    private static void conflict(ClientIdentity existing, String name, String scope) {
        if (existing.name().equals(name)) {
            throw new InvalidRequestException("An identity named '" + name + "' exists",
                    "Choose another name or delete it first.");
        }
        if (existing.scope().equals(scope)) {
            throw new InvalidRequestException("Identity '" + existing.name() + "' already covers " + scope,
                    "Use it, or delete it first to replace it.");
        }
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
        return storage.all();
    }

    /** The identity with this name. */
    public Optional<ClientIdentity> get(String name) {
        return list().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    /**
     * Deletes an identity with its key and certificate: no fetch presents it any more.
     *
     * @return the deleted identity, or empty if there was none with that name
     */
    public Optional<ClientIdentity> delete(String name) {
        Optional<ClientIdentity> removed = storage.remove(name);
        materials.remove(name);
        return removed;
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
     * @throws BurrowException {@code FETCH_ERROR} if they are missing or unreadable
     */
    public Material material(ClientIdentity identity) {
        Material m = materials.get(identity.name());
        if (m != null && Fingerprints.of(m.certificate()).equals(identity.fingerprint())) {
            return m;
        }
        IdentityKeys keys = storage.keys(identity.name()).orElseThrow(() -> unusable(identity, null));
        try {
            Material loaded = new Material(Certificates.privateKey(keys.privateKeyPkcs8()),
                    Certificates.parse(keys.certificateDer()));
            if (!Fingerprints.of(loaded.certificate()).equals(identity.fingerprint())) {
                throw new IllegalArgumentException("certificate does not match the registry");
            }
            materials.put(identity.name(), loaded);
            return loaded;
        } catch (IllegalArgumentException e) {
            throw unusable(identity, e);
        }
    }

    private static BurrowException unusable(ClientIdentity identity, Exception cause) {
        return (BurrowException) new BurrowException(ErrorCodes.FETCH_ERROR,
                "The key or certificate of client identity '" + identity.name() + "' is missing or damaged",
                "Remove the identity with gemini_client_cert_update and create a new one.", cause)
                .withDetail("reason", "identity_unusable");
    }
}
