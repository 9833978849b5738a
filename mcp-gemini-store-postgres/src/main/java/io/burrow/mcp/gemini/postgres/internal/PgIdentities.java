package io.burrow.mcp.gemini.postgres.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.gemini.ClientIdentity;
import io.burrow.mcp.gemini.spi.IdentityKeys;
import io.burrow.mcp.gemini.spi.IdentityStorage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identities in {@code gemini_client_identities}, private keys encrypted with {@link KeyCipher} (bound to the
 * identity's name and fingerprint). Names and scopes are unique by constraint, so two replicas creating the same
 * identity at once end with one.
 */
final class PgIdentities implements IdentityStorage {

    private static final String COLUMNS = "name, scope, fingerprint, created, expires";

    private final PgStorage db;
    private final KeyCipher cipher;

    PgIdentities(PgStorage db, KeyCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public List<ClientIdentity> all() {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM gemini_client_identities ORDER BY seq")) {
                return read(p);
            }
        });
    }

    @Override
    public Optional<ClientIdentity> add(ClientIdentity identity, IdentityKeys keys) {
        byte[] sealed = cipher.encrypt(keys.privateKeyPkcs8(), context(identity.name(), identity.fingerprint()));
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<ClientIdentity> conflict = db.with(c -> {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO gemini_client_identities (" + COLUMNS
                        + ", certificate, private_key, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    p.setString(1, identity.name());
                    p.setString(2, identity.scope());
                    p.setString(3, identity.fingerprint());
                    setTime(p, 4, identity.created());
                    setTime(p, 5, identity.expires());
                    p.setBytes(6, keys.certificateDer());
                    p.setBytes(7, sealed);
                    p.setString(8, cipher.keyId());
                    if (p.executeUpdate() == 1) {
                        return Optional.<ClientIdentity>empty();
                    }
                }
                try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM gemini_client_identities "
                        + "WHERE name = ? OR scope = ? ORDER BY (name = ?) DESC LIMIT 1")) {
                    p.setString(1, identity.name());
                    p.setString(2, identity.scope());
                    p.setString(3, identity.name());
                    return read(p).stream().findFirst().or(() -> Optional.of(RETRY));
                }
            });
            if (conflict.isEmpty() || conflict.get() != RETRY) {
                return conflict;
            }
        }
        throw new BurrowException(ErrorCodes.FETCH_ERROR, "The identity could not be stored: its name or scope keeps "
                + "changing", "Another server sharing the store is creating and deleting it; try again.")
                .withDetail("reason", "identity_store_contention");
    }

    /** Marks "the conflicting row was deleted before it could be read": try the insert again. */
    private static final ClientIdentity RETRY = new ClientIdentity("", "", "", null, null);

    @Override
    public Optional<ClientIdentity> remove(String name) {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM gemini_client_identities WHERE name = ? "
                    + "RETURNING " + COLUMNS)) {
                p.setString(1, name);
                return read(p).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<IdentityKeys> keys(String name) {
        record Row(String fingerprint, byte[] certificate, byte[] sealed, String keyId) {
        }
        Optional<Row> row = db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT fingerprint, certificate, private_key, key_id "
                    + "FROM gemini_client_identities WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(new Row(r.getString(1), r.getBytes(2), r.getBytes(3), r.getString(4)))
                            : Optional.<Row>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        if (!r.keyId().equals(cipher.keyId())) {
            throw unusable(name, "was encrypted with another BURROW_GEMINI_STORE_KEY (key id " + r.keyId()
                    + "; this server's is " + cipher.keyId() + ")",
                    "Give every replica the key it was created with, or delete the identity and create it again.");
        }
        try {
            return Optional.of(new IdentityKeys(cipher.decrypt(r.sealed(), context(name, r.fingerprint())),
                    r.certificate()));
        } catch (KeyCipher.UndecryptableException e) {
            throw unusable(name, "does not decrypt (" + e.getMessage() + ")",
                    "Remove the identity with gemini_client_cert_update and create a new one.");
        }
    }

    private static String context(String name, String fingerprint) {
        return "burrow-gemini-identity\0" + name + "\0" + fingerprint;
    }

    private static BurrowException unusable(String name, String what, String hint) {
        return new BurrowException(ErrorCodes.FETCH_ERROR, "The private key of client identity '" + name + "' "
                + what, hint).withDetail("reason", "identity_unusable");
    }

    private static void setTime(PreparedStatement p, int index, String iso) throws SQLException {
        if (iso == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(index, PgStorage.time(iso));
        }
    }

    private static List<ClientIdentity> read(PreparedStatement p) throws SQLException {
        List<ClientIdentity> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new ClientIdentity(r.getString(1), r.getString(2), r.getString(3),
                        PgStorage.iso(r.getObject(4, OffsetDateTime.class)),
                        PgStorage.iso(r.getObject(5, OffsetDateTime.class))));
            }
        }
        return out;
    }
}
