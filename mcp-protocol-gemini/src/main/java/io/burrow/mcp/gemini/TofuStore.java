package io.burrow.mcp.gemini;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.gemini.internal.FilePins;
import io.burrow.mcp.gemini.internal.Fingerprints;
import io.burrow.mcp.gemini.spi.PinStorage;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust-on-first-use store: one pinned certificate fingerprint per {@code host:port}, kept in a
 * {@link PinStorage}: by default a JSON file ({@code GEMINI_TOFU_STORAGE_PATH}), or a database shared by replicas
 * ({@code BURROW_GEMINI_STORE}).
 *
 * <p>The first connection to a host pins the SHA-256 of its leaf certificate; later connections must
 * present the same certificate or fail with {@code CERTIFICATE_CHANGED}, which carries the new
 * fingerprint so that a person can check it and {@linkplain #trust trust} it. Certificates that are not
 * valid yet are always refused; expired ones are refused or accepted with a warning. A store that cannot be
 * read refuses every connection (fail closed) until it is repaired.
 *
 * <p>Every check reads the storage, and every change is made there before the call returns, so several servers
 * sharing a storage (processes on one machine sharing the file, replicas sharing a database) see one another's
 * pins and trust decisions at once; when two of them meet a new host at the same moment, one pins it and the other
 * then checks against that pin. Thread-safe.
 *
 * <p>The file store: {@code {"host:port": {"host", "port", "fingerprint", "first_seen", "last_seen",
 * "expires"}}} (the layout gopher-mcp uses), mode 0600 in a 0700 directory, changed under a lock shared with
 * other processes, replaced atomically and durably with a last good copy beside it: a pin that {@link #verify} or
 * {@link #trust} reported survives a crash of the process or the machine. A damaged file is read from its last
 * good copy.
 */
public final class TofuStore {

    /** Clock skew accepted before a certificate's {@code notBefore} (gopher-mcp's: 5 minutes). */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private static final Duration LAST_SEEN_INTERVAL = Duration.ofSeconds(60);

    private final PinStorage storage;
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

    private TofuStore(PinStorage storage, Clock clock) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store kept in {@code file} (created on the first pin). */
    public static TofuStore open(Path file, Clock clock) {
        return new TofuStore(new FilePins(Objects.requireNonNull(file, "file")), clock);
    }

    /** A store kept in {@code storage} (a {@link io.burrow.mcp.gemini.spi.GeminiStorage}'s pins). */
    public static TofuStore open(PinStorage storage, Clock clock) {
        return new TofuStore(storage, clock);
    }

    /** Every pin, sorted by host and port. */
    public List<TofuPin> list() {
        List<TofuPin> out = new ArrayList<>(storage.all());
        out.sort(Comparator.comparing(TofuPin::host).thenComparingInt(TofuPin::port));
        return out;
    }

    /** The pin of a host and port. */
    public Optional<TofuPin> pin(String host, int port) {
        return storage.get(HostPolicy.normalizeHost(host), port);
    }

    /**
     * Checks the certificate a server presented, pinning it on first use.
     *
     * @param rejectExpired refuse expired certificates instead of warning
     * @return how the certificate was accepted
     * @throws BurrowException {@code CERTIFICATE_CHANGED} if another certificate is pinned,
     *     {@code CERTIFICATE_NOT_YET_VALID} if it is not valid yet beyond {@link #CLOCK_SKEW},
     *     {@code CERTIFICATE_EXPIRED} if it expired and {@code rejectExpired},
     *     {@code CERTIFICATE_STORE_UNAVAILABLE} if the store cannot be read or written
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
        TofuPin pin = storage.get(h, port).orElse(null);
        for (int attempt = 0; pin == null && attempt < 3; attempt++) {
            String t = iso(now);
            if (storage.insert(new TofuPin(h, port, fingerprint, t, t, iso(notAfter)))) {
                String first = "Trusted on first use: pinned certificate " + fingerprint + " for " + key + ".";
                return new Verdict(fingerprint, "first_use", warning == null ? first : first + " " + warning);
            }
            pin = storage.get(h, port).orElse(null); // pinned by another server a moment ago (or removed again)
        }
        if (pin == null) {
            throw new BurrowException(ErrorCodes.FETCH_ERROR,
                    "The certificate of " + key + " could not be pinned: its pin changes too fast",
                    "Another server sharing the TOFU store keeps pinning and forgetting this host; try again.")
                    .withDetail("reason", "tofu_store_contention");
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
                storage.touch(h, port, pin.fingerprint(), t, iso(notAfter));
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
        TofuPin pin = new TofuPin(h, port, fp, t, t, expires);
        storage.replace(pin);
        recentlyRefused.remove(key);
        return pin;
    }

    /**
     * Removes the pins of a host: on one port, or on every port when {@code port} is {@code null}.
     *
     * @return the pins removed
     */
    public List<TofuPin> forget(String host, Integer port) {
        String h = HostPolicy.normalizeHost(host);
        return storage.remove(h, port);
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
}
