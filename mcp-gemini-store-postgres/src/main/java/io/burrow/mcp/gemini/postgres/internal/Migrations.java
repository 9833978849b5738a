package io.burrow.mcp.gemini.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's schema, versioned: each migration is a SQL file {@code migrations/V<n>__<what>.sql} beside this
 * module's classes, applied once, in order, and recorded with its checksum in {@code burrow_schema_history}. Replicas
 * starting together migrate one at a time: each takes a transaction-scoped advisory lock, applies what is missing in
 * that transaction (PostgreSQL's DDL is transactional, so a failed migration leaves nothing behind) and commits.
 *
 * <p>Why not Flyway: two tables do not need it, and Flyway is a multi-megabyte dependency tree in every image; this
 * keeps Flyway's rules that matter here (ordered versions, checksums that refuse an edited migration, a schema newer
 * than the code refused).
 */
public final class Migrations {

    /** The migrations of this release, by version; add a file and its line here for each schema change. */
    static final List<String> FILES = List.of("V1__pins_and_identities.sql");

    /** The advisory lock key ("burrow-gemini" folded into a bigint); any constant would do if unique to Burrow. */
    private static final long LOCK = 0x6275_7272_6f77_6730L;

    private static final String DIR = "/io/burrow/mcp/gemini/postgres/migrations/";

    private Migrations() {
    }

    /** The highest version this release knows. */
    public static int latest() {
        return load().lastKey();
    }

    /**
     * Brings the schema to {@link #latest()}.
     *
     * @return the versions applied now (empty when it was up to date)
     * @throws SQLException if the database fails, a migration applied before was edited, or the schema is newer
     *     than this release (a newer release migrated it: this one must not write into it)
     */
    public static List<Integer> apply(Connection c) throws SQLException {
        Map<Integer, String> migrations = load();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            s.execute("CREATE TABLE IF NOT EXISTS burrow_schema_history (version integer PRIMARY KEY, "
                    + "script text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            Map<Integer, String> applied = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT version, checksum FROM burrow_schema_history")) {
                while (r.next()) {
                    applied.put(r.getInt(1), r.getString(2));
                }
            }
            int latest = migrations.isEmpty() ? 0 : Collections.max(migrations.keySet());
            int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
            if (newest > latest) {
                throw new SQLException("the Gemini store's schema is at version " + newest + ", newer than this "
                        + "release knows (" + latest + "): run a release at least as new");
            }
            List<Integer> done = new ArrayList<>();
            for (Map.Entry<Integer, String> m : migrations.entrySet()) {
                String sql = read(m.getValue());
                String checksum = sha256(sql);
                String before = applied.get(m.getKey());
                if (before != null) {
                    if (!before.equals(checksum)) {
                        throw new SQLException("migration " + m.getValue() + " differs from the one applied to this "
                                + "database (checksum " + before + ")");
                    }
                    continue;
                }
                s.execute(sql);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO burrow_schema_history (version, script, checksum) VALUES (?, ?, ?)")) {
                    p.setInt(1, m.getKey());
                    p.setString(2, m.getValue());
                    p.setString(3, checksum);
                    p.executeUpdate();
                }
                done.add(m.getKey());
            }
            c.commit();
            return done;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static TreeMap<Integer, String> load() {
        TreeMap<Integer, String> out = new TreeMap<>();
        for (String f : FILES) {
            int version = Integer.parseInt(f.substring(1, f.indexOf("__")));
            if (out.put(version, f) != null) {
                throw new IllegalStateException("two migrations have version " + version);
            }
        }
        return out;
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
