package io.burrow.mcp.gemini.postgres.internal;

import io.burrow.mcp.gemini.TofuPin;
import io.burrow.mcp.gemini.spi.PinStorage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pins in {@code gemini_tofu_pins}; each method is one statement, so one atomic step for every replica. */
final class PgPins implements PinStorage {

    private static final String COLUMNS = "host, port, fingerprint, first_seen, last_seen, expires";

    private final PgStorage db;

    PgPins(PgStorage db) {
        this.db = db;
    }

    @Override
    public List<TofuPin> all() {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM gemini_tofu_pins")) {
                return read(p);
            }
        });
    }

    @Override
    public Optional<TofuPin> get(String host, int port) {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM gemini_tofu_pins WHERE host = ? AND port = ?")) {
                p.setString(1, host);
                p.setInt(2, port);
                return read(p).stream().findFirst();
            }
        });
    }

    @Override
    public boolean insert(TofuPin pin) {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gemini_tofu_pins (" + COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (host, port) DO NOTHING")) {
                bind(p, pin);
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void replace(TofuPin pin) {
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO gemini_tofu_pins (" + COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (host, port) DO UPDATE SET "
                    + "fingerprint = EXCLUDED.fingerprint, first_seen = EXCLUDED.first_seen, "
                    + "last_seen = EXCLUDED.last_seen, expires = EXCLUDED.expires")) {
                bind(p, pin);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public void touch(String host, int port, String fingerprint, String lastSeen, String expires) {
        db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE gemini_tofu_pins SET last_seen = ?, expires = ? "
                    + "WHERE host = ? AND port = ? AND fingerprint = ?")) {
                p.setObject(1, PgStorage.time(lastSeen));
                setTime(p, 2, expires);
                p.setString(3, host);
                p.setInt(4, port);
                p.setString(5, fingerprint);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public List<TofuPin> remove(String host, Integer port) {
        return db.with(c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM gemini_tofu_pins WHERE host = ? "
                    + (port == null ? "" : "AND port = ? ") + "RETURNING " + COLUMNS)) {
                p.setString(1, host);
                if (port != null) {
                    p.setInt(2, port);
                }
                return read(p);
            }
        });
    }

    private static void bind(PreparedStatement p, TofuPin pin) throws SQLException {
        p.setString(1, pin.host());
        p.setInt(2, pin.port());
        p.setString(3, pin.fingerprint());
        p.setObject(4, PgStorage.time(pin.firstSeen()));
        p.setObject(5, PgStorage.time(pin.lastSeen()));
        setTime(p, 6, pin.expires());
    }

    private static void setTime(PreparedStatement p, int index, String iso) throws SQLException {
        if (iso == null) {
            p.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(index, PgStorage.time(iso));
        }
    }

    private static List<TofuPin> read(PreparedStatement p) throws SQLException {
        List<TofuPin> out = new ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(new TofuPin(r.getString(1), r.getInt(2), r.getString(3),
                        PgStorage.iso(r.getObject(4, OffsetDateTime.class)), PgStorage.iso(r.getObject(5, OffsetDateTime.class)),
                        PgStorage.iso(r.getObject(6, OffsetDateTime.class))));
            }
        }
        return out;
    }
}
