package io.burrow.mcp.gemini.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.protocol.ThrottledLog;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.spi.GeminiStorage;
import io.burrow.mcp.gemini.spi.IdentityStorage;
import io.burrow.mcp.gemini.spi.PinStorage;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;

/**
 * The PostgreSQL store: a small connection pool, the schema brought up to date when opened, and the pins and
 * identities on it. Every database failure becomes {@code CERTIFICATE_STORE_UNAVAILABLE} with reason {@code store_unavailable} (the
 * cause logged, never the credentials).
 */
public final class PgStorage implements GeminiStorage {

    private final HikariDataSource pool;
    private final Logger log;
    /** A database that is down fails every call: one warning per 10 seconds, counting the rest. */
    private final ThrottledLog failures;
    private final PgPins pins;
    private final PgIdentities identities;

    /** Work with a connection of the pool. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private PgStorage(HikariDataSource pool, KeyCipher cipher, Logger log) {
        this.pool = pool;
        this.log = log;
        this.failures = new ThrottledLog(log, Duration.ofSeconds(10));
        this.pins = new PgPins(this);
        this.identities = new PgIdentities(this, cipher);
    }

    /**
     * Connects and migrates.
     *
     * @throws BurrowException {@code CERTIFICATE_STORE_UNAVAILABLE} (reason {@code store_unavailable}) if the database cannot be reached
     *     or migrated
     */
    public static PgStorage open(String url, String user, String password, int poolSize, KeyCipher cipher, Logger log) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("burrow-gemini-store");
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "burrow");
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.error("Gemini store: cannot connect to the database: {}", describe(cause));
            throw unavailable("cannot connect to the database (" + describe(cause) + ")");
        }
        PgStorage storage = new PgStorage(pool, cipher, log);
        try (Connection c = pool.getConnection()) {
            List<Integer> applied = Migrations.apply(c);
            log.info("Gemini store: PostgreSQL schema at version {}{}", Migrations.latest(),
                    applied.isEmpty() ? "" : " (applied now: " + applied + ")");
        } catch (SQLException e) {
            pool.close();
            log.error("Gemini store: cannot prepare the database: {}", describe(e));
            throw unavailable("cannot prepare the database (" + describe(e) + ")");
        }
        return storage;
    }

    @Override
    public String kind() {
        return "postgres";
    }

    @Override
    public PinStorage pins() {
        return pins;
    }

    @Override
    public IdentityStorage identities() {
        return identities;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Runs {@code work} on a pooled connection (auto-commit: each statement is its own transaction). */
    <T> T with(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            failures.warn("Gemini store: database operation failed: {}", describe(e));
            throw unavailable(null);
        }
    }

    private static String describe(Throwable e) {
        String state = e instanceof SQLException s && s.getSQLState() != null ? " [SQLState " + s.getSQLState() + "]" : "";
        return e.getClass().getSimpleName() + ": " + e.getMessage() + state;
    }

    private static BurrowException unavailable(String startup) {
        BurrowException e = new BurrowException(GeminiErrors.CERTIFICATE_STORE_UNAVAILABLE,
                startup == null ? "The Gemini trust store (PostgreSQL) cannot be used right now; nothing is fetched "
                        + "until it answers" : "The Gemini trust store (PostgreSQL) " + startup,
                "Check the database named by BURROW_GEMINI_STORE_URL, its credentials, and the server log.");
        return e.withDetail("reason", "store_unavailable");
    }

    /** A time column from an ISO-8601 string of the SPI ({@code null} stays null; an unreadable one is the epoch). */
    static OffsetDateTime time(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
        }
    }

    /** An ISO-8601 string of the SPI from a time column. */
    static String iso(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
