package io.burrow.mcp.gemini.spi;

import io.burrow.mcp.gemini.ClientIdentity;
import java.util.List;
import java.util.Optional;

/**
 * Where client identities live: each {@link ClientIdentity} with its private key and certificate.
 * {@link io.burrow.mcp.gemini.ClientIdentityStore} creates the keys and matches identities to URLs; a storage keeps
 * them, each method one atomic step, also against other processes sharing it. Names are unique, and so are scopes.
 * A storage that leaves the machine (a database) must protect the private keys at rest.
 *
 * <p>Every method fails with a {@link io.burrow.mcp.core.BurrowException} of code
 * {@code CERTIFICATE_STORE_UNAVAILABLE} (a
 * {@code reason} detail, a client-safe message, a hint for the operator) when the storage cannot be used.
 */
public interface IdentityStorage {

    /** Every identity, in creation order. */
    List<ClientIdentity> all();

    /**
     * Adds an identity with its keys unless its name or its scope is taken.
     *
     * @return empty when added; otherwise the identity that holds the name or the scope
     */
    Optional<ClientIdentity> add(ClientIdentity identity, IdentityKeys keys);

    /**
     * Removes an identity and its keys.
     *
     * @return the identity removed, or empty if there was none with that name
     */
    Optional<ClientIdentity> remove(String name);

    /**
     * The keys of an identity.
     *
     * @return the keys, or empty if there is no identity with that name
     * @throws io.burrow.mcp.core.BurrowException {@code FETCH_ERROR} with reason {@code identity_unusable} when
     *     they exist but cannot be read (missing files, a key that does not decrypt)
     */
    Optional<IdentityKeys> keys(String name);
}
