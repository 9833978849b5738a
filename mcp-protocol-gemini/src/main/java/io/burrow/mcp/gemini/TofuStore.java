package io.burrow.mcp.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.gemini.internal.Fingerprints;
import io.burrow.mcp.gemini.internal.StoreFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust-on-first-use store: one pinned certificate fingerprint per {@code host:port}, kept in a JSON
 * file ({@code GEMINI_TOFU_STORAGE_PATH}).
 *
 * <p>The first connection to a host pins the SHA-256 of its leaf certificate; later connections must
 * present the same certificate or fail with {@code CERTIFICATE_CHANGED}, which carries the new
 * fingerprint so that a person can check it and {@linkplain #trust trust} it. Certificates that are not
 * valid yet are always refused; expired ones are refused or accepted with a warning. A damaged store is
 * read from its last good copy; when that is damaged too, or the store is unreadable, every connection is
 * refused (fail closed) until it is repaired or removed.
 *
 * <p>The file is {@code {"host:port": {"host", "port", "fingerprint", "first_seen", "last_seen",
 * "expires"}}} (the layout gopher-mcp uses), mode 0600 in a 0700 directory. Every change re-reads the file
 * under a lock shared with other processes (so several servers may share one store) and replaces it
 * atomically and durably before the call returns, keeping a last good copy beside it ({@link StoreFile}): a
 * pin that {@link #verify} or {@link #trust} reported survives a crash of the process or the machine.
 * Thread-safe.
 */
public final class TofuStore {

    /** Clock skew accepted before a certificate's {@code notBefore} (gopher-mcp's: 5 minutes). */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private static final Duration LAST_SEEN_INTERVAL = Duration.ofSeconds(60);

    private final StoreFile<Map<String, TofuPin>> store;
    private final Clock clock;
    private final Map<String, Seen> recentlyRefused = new ConcurrentHashMap<>();

    private record Seen(String fingerprint, String expires) {
    }

    /**
     * The outcome of a successful check.
     *
     * @param fingerprint the certificate's fingerprint
     * @param status {@code first_use} (just pinned) or {@code match}
     * @param warning a warning for the result ({@code null} when none)
     */
    public record Verdict(String fingerprint, String status, String warning) {
    }

    private TofuStore(Path file, Clock clock) {
        this.store = new StoreFile<>(file, TofuStore::parsePins, TofuStore::serialize, Map.of(), name -> false);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store kept in {@code file} (created on the first pin). */
    public static TofuStore open(Path file, Clock clock) {
        return new TofuStore(Objects.requireNonNull(file, "file"), clock);
    }

    /** Every pin, sorted by host and port. */
    public List<TofuPin> list() {
        List<TofuPin> out = new ArrayList<>(read().values());
        out.sort(Comparator.comparing(TofuPin::host).thenComparingInt(TofuPin::port));
        return out;
    }

    /** The pin of a host and port. */
    public Optional<TofuPin> pin(String host, int port) {
        return Optional.ofNullable(read().get(key(HostPolicy.normalizeHost(host), port)));
    }

    /**
     * Checks the certificate a server presented, pinning it on first use.
     *
     * @param rejectExpired refuse expired certificates instead of warning
     * @return how the certificate was accepted
     * @throws BurrowException {@code CERTIFICATE_CHANGED} if another certificate is pinned,
     *     {@code CERTIFICATE_NOT_YET_VALID} if it is not valid yet beyond {@link #CLOCK_SKEW},
     *     {@code CERTIFICATE_EXPIRED} if it expired and {@code rejectExpired},
     *     {@code FETCH_ERROR} if the store cannot be read or written
     */
    public Verdict verify(String host, int port, X509Certificate leaf, boolean rejectExpired) {
        String h = HostPolicy.normalizeHost(host);
        Instant now = clock.instant();
        String fingerprint = Fingerprints.of(leaf);
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.plus(CLOCK_SKEW).isBefore(notBefore)) {
            throw new BurrowException(GeminiErrors.CERTIFICATE_NOT_YET_VALID,
                    "The server certificate of " + h + " is not valid until " + iso(notBefore),
                    "The server's clock or certificate is wrong (or this machine's clock); try again later.")
                    .withDetail("reason", "not_yet_valid").withDetail("not_before", iso(notBefore))
                    .withDetail("fingerprint", fingerprint);
        }
        String warning = null;
        if (now.isAfter(notAfter)) {
            if (rejectExpired) {
                throw new BurrowException(GeminiErrors.CERTIFICATE_EXPIRED,
                        "The server certificate of " + h + " expired on " + iso(notAfter),
                        "Expired certificates are refused (GEMINI_TOFU_REJECT_EXPIRED).")
                        .withDetail("reason", "expired").withDetail("not_after", iso(notAfter))
                        .withDetail("fingerprint", fingerprint);
            }
            warning = "The server certificate expired on " + iso(notAfter) + ".";
        }
        String key = key(h, port);
        TofuPin pin = read().get(key);
        if (pin == null) {
            boolean[] created = {false};
            pin = update(pins -> {
                if (pins.containsKey(key)) {
                    return false;
                }
                String t = iso(now);
                pins.put(key, new TofuPin(h, port, fingerprint, t, t, iso(notAfter)));
                created[0] = true;
                return true;
            }).get(key);
            if (created[0]) {
                String first = "Trusted on first use: pinned certificate " + fingerprint + " for " + key + ".";
                return new Verdict(fingerprint, "first_use", warning == null ? first : first + " " + warning);
            }
        }
        if (!Fingerprints.equal(pin.fingerprint(), fingerprint)) {
            recentlyRefused.put(key, new Seen(fingerprint, iso(notAfter)));
            throw new BurrowException(GeminiErrors.CERTIFICATE_CHANGED,
                    "The certificate of " + key + " changed since it was pinned on " + pin.firstSeen(),
                    "This can be a legitimate renewal or an attack. Confirm the new fingerprint with the capsule's "
                            + "owner, then call gemini_trust_update with action 'pin', host '" + h + "', port " + port
                            + " and that fingerprint (the user is asked to agree).")
                    .withDetail("host", h).withDetail("port", port).withDetail("fingerprint", fingerprint)
                    .withDetail("pinned_fingerprint", pin.fingerprint()).withDetail("pinned_since", pin.firstSeen())
                    .withDetail("expires", iso(notAfter));
        }
        if (Duration.between(parse(pin.lastSeen()), now).compareTo(LAST_SEEN_INTERVAL) >= 0) {
            String t = iso(now);
            try {
                update(pins -> {
                    TofuPin current = pins.get(key);
                    if (current != null && Fingerprints.equal(current.fingerprint(), fingerprint)) {
                        pins.put(key, new TofuPin(current.host(), current.port(), current.fingerprint(),
                                current.firstSeen(), t, iso(notAfter)));
                        return true;
                    }
                    return false;
                });
            } catch (BurrowException e) {
                // last_seen is informational; the pin itself matched
            }
        }
        return new Verdict(fingerprint, "match", warning);
    }

    /**
     * Pins {@code fingerprint} for a host and port, replacing any pin: what a person does after checking
     * a changed certificate.
     *
     * @return the new pin
     */
    public TofuPin trust(String host, int port, String fingerprint) {
        String h = HostPolicy.normalizeHost(host);
        String fp = Fingerprints.canonical(fingerprint);
        String key = key(h, port);
        String t = iso(clock.instant());
        Seen seen = recentlyRefused.get(key);
        String expires = seen != null && seen.fingerprint().equals(fp) ? seen.expires() : null;
        Map<String, TofuPin> after = update(pins -> {
            pins.put(key, new TofuPin(h, port, fp, t, t, expires));
            return true;
        });
        recentlyRefused.remove(key);
        return after.get(key);
    }

    /**
     * Removes the pins of a host: on one port, or on every port when {@code port} is {@code null}.
     *
     * @return the pins removed
     */
    public List<TofuPin> forget(String host, Integer port) {
        String h = HostPolicy.normalizeHost(host);
        List<TofuPin> removed = new ArrayList<>();
        update(pins -> {
            for (Iterator<TofuPin> it = pins.values().iterator(); it.hasNext(); ) {
                TofuPin p = it.next();
                if (p.host().equals(h) && (port == null || p.port() == port)) {
                    removed.add(p);
                    it.remove();
                }
            }
            return !removed.isEmpty();
        });
        return removed;
    }

    private static String key(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static Instant parse(String t) {
        try {
            return Instant.parse(t);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    @FunctionalInterface
    private interface Change {
        /** Changes the pins in place; returns whether anything changed. */
        boolean apply(Map<String, TofuPin> pins);
    }

    /**
     * Re-reads the store under the lock, applies the change and, if it changed anything, writes it: when
     * this returns, the change is on disk (see {@link StoreFile}).
     */
    private Map<String, TofuPin> update(Change change) {
        try {
            return store.update((current, commit) -> {
                Map<String, TofuPin> pins = new LinkedHashMap<>(current);
                if (change.apply(pins)) {
                    commit.write(Map.copyOf(pins));
                }
                return Map.copyOf(pins);
            });
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable("written", e);
        }
    }

    private Map<String, TofuPin> read() {
        try {
            return store.read();
        } catch (StoreFile.DamagedFileException e) {
            throw corrupt();
        } catch (IOException e) {
            throw unusable("read", e);
        }
    }

    /** The file's bytes: pins sorted by key, so that successive versions differ only where pins do. */
    private static byte[] serialize(Map<String, TofuPin> pins) {
        ObjectNode root = Json.object();
        pins.keySet().stream().sorted().forEach(k -> root.set(k, Json.toTree(pins.get(k))));
        try {
            return Json.wirePrettyWriter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise TOFU pins", e);
        }
    }

    private static Map<String, TofuPin> parsePins(byte[] bytes) throws StoreFile.DamagedFileException {
        if (bytes.length == 0) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (IOException e) {
            throw new StoreFile.DamagedFileException("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new StoreFile.DamagedFileException("not a JSON object");
        }
        Map<String, TofuPin> pins = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode n = e.getValue();
            if (!n.isObject() || !n.path("host").isTextual() || !n.path("port").canConvertToInt()
                    || !n.path("fingerprint").isTextual()) {
                throw new StoreFile.DamagedFileException("a pin lacks host, port or fingerprint");
            }
            String fp;
            try {
                fp = Fingerprints.canonical(n.path("fingerprint").asText());
            } catch (BurrowException bad) {
                throw new StoreFile.DamagedFileException("a fingerprint is not 64 hex digits");
            }
            String host = n.path("host").asText().toLowerCase(java.util.Locale.ROOT);
            int port = n.path("port").asInt();
            pins.put(key(host, port), new TofuPin(host, port, fp, time(n.get("first_seen")), time(n.get("last_seen")),
                    n.hasNonNull("expires") ? time(n.get("expires")) : null));
        }
        return Map.copyOf(pins);
    }

    private static String time(JsonNode n) {
        if (n == null || n.isNull()) {
            return iso(Instant.EPOCH);
        }
        if (n.isNumber()) {
            return iso(Instant.ofEpochMilli((long) (n.asDouble() * 1000)));
        }
        return n.asText();
    }

    private static BurrowException corrupt() {
        return new BurrowException(ErrorCodes.FETCH_ERROR,
                "The TOFU store is corrupt; no certificate can be verified, so nothing is fetched",
                "Repair or remove the file named by GEMINI_TOFU_STORAGE_PATH (its last good copy, the .bak file beside it, "
                        + "is damaged or missing too); removed pins are learned again on first use.")
                .withDetail("reason", "tofu_store_corrupt");
    }

    private static BurrowException unusable(String what, IOException e) {
        return (BurrowException) new BurrowException(ErrorCodes.FETCH_ERROR, "The TOFU store cannot be " + what,
                "Check that GEMINI_TOFU_STORAGE_PATH names a writable location.", e)
                .withDetail("reason", "tofu_store_unusable");
    }
}
