package io.burrow.mcp.gemini.spi;

import io.burrow.mcp.gemini.TofuPin;
import java.util.List;
import java.util.Optional;

/**
 * Where the trust-on-first-use pins live: one pin per {@code host:port}. {@link io.burrow.mcp.gemini.TofuStore}
 * decides what to pin and when; a storage only keeps pins, and must make each method one atomic step, also
 * against other processes sharing it (several replicas of a server): two of them pinning the same host at once
 * must end with one pin, and exactly one of them told it inserted it.
 *
 * <p>Hosts arrive normalised (lower case, IPv6 without brackets). Every method fails with a
 * {@link io.burrow.mcp.core.BurrowException} of code {@code CERTIFICATE_STORE_UNAVAILABLE} (a {@code reason} detail naming the
 * problem, a client-safe message and a hint for the operator) when the storage cannot be read or written; no
 * certificate is then accepted (fail closed).
 */
public interface PinStorage {

    /** Every pin, in no particular order. */
    List<TofuPin> all();

    /** The pin of a host and port. */
    Optional<TofuPin> get(String host, int port);

    /**
     * Adds a pin unless its host and port are pinned already.
     *
     * @return whether this call added it ({@code false}: another pin was there, possibly added by another
     *     process a moment ago; the caller reads it with {@link #get})
     */
    boolean insert(TofuPin pin);

    /** Adds a pin or replaces the pin of its host and port: what trusting a changed certificate does. */
    void replace(TofuPin pin);

    /**
     * Records that a host presented its pinned certificate again: sets {@code lastSeen} and {@code expires}
     * if the pin of that host and port still has {@code fingerprint}, and does nothing otherwise.
     */
    void touch(String host, int port, String fingerprint, String lastSeen, String expires);

    /**
     * Removes the pins of a host: on one port, or on every port when {@code port} is {@code null}.
     *
     * @return the pins removed
     */
    List<TofuPin> remove(String host, Integer port);
}
