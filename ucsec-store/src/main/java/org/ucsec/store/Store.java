package org.ucsec.store;

import com.zaxxer.hikari.HikariConfig;
import org.ucsec.core.Secret;
import org.ucsec.core.UcsecException;
import org.ucsec.core.SecretAccess;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store: an embedded H2 file by default, PostgreSQL for a cluster; the same Flyway migrations on both.
 * Every change is one transaction, so a crash leaves the store before or after it, never half-way.
 *
 * <p>Durability: when {@link #tx} returns, the transaction is on disk, so an API answer sent after it survives a
 * {@code kill -9} of the node and a crash of the machine.
 * <ul>
 *   <li>H2 (2.5): {@code WRITE_DELAY=0} makes every commit write its MVStore chunk in the committing thread (H2's
 *       default, 500 ms, leaves commits in memory for a background writer, and a killed JVM loses them).
 *       {@code REUSE_SPACE=FALSE} makes every chunk go to the end of the file: a chunk written into the free space of
 *       dead chunks is not found when the file is opened after a crash (the store header still names an older chunk),
 *       so with space reuse a node killed after a {@code 200} lost that change and its audit line (seen in
 *       {@code AcknowledgedWritesSurviveKillTest}). H2 does not fsync a commit by itself, so {@link #tx} then runs
 *       {@code CHECKPOINT SYNC} (a {@code FileChannel.force}) before it returns. Without reuse the file grows by about
 *       16 KB per write while the node runs; {@link #close} compacts it ({@code SHUTDOWN COMPACT}), and opening a file
 *       larger than {@link #COMPACT_AT_OPEN_BYTES} (a node that was killed, not stopped) compacts it first.</li>
 *   <li>PostgreSQL: a commit is durable when it returns unless {@code synchronous_commit} is {@code off} (then up to
 *       three times {@code wal_writer_delay} of acknowledged commits are lost on a crash) or the server runs with
 *       {@code fsync = off}. Every pooled connection therefore sets {@code synchronous_commit} back to {@code on} when
 *       the server or role default is {@code off} (any other level, e.g. {@code remote_apply}, is kept), and a server
 *       with {@code fsync = off} is refused at open.</li>
 * </ul>
 */
public final class Store implements AutoCloseable {
    /** H2 URL options: each commit is written by the committing thread, at the end of the file (see the class comment). */
    static final String H2_DURABLE = ";WRITE_DELAY=0;REUSE_SPACE=FALSE";

    /** An embedded store file larger than this is compacted when it is opened. */
    static final long COMPACT_AT_OPEN_BYTES = 32L << 20;

    /** Session setup on PostgreSQL: never acknowledge a commit before its WAL is flushed. */
    static final String PG_SYNCHRONOUS_COMMIT =
            "DO $$ BEGIN IF current_setting('synchronous_commit') = 'off' THEN SET synchronous_commit = 'on'; END IF; END $$";

    private final HikariDataSource ds;
    private final Jdbi jdbi;
    private final String url;
    private final boolean h2;
    private final String user;
    private final Secret password; // kept for the plain connection that shuts H2 down (close)

    private Store(String url, String user, Secret password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.h2 = url.startsWith("jdbc:h2:");
        boolean pg = url.startsWith("jdbc:postgresql:");
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password == null ? null : password.revealString(SecretAccess.granted()));
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("ucsec-store");
        if (pg) cfg.setConnectionInitSql(PG_SYNCHRONOUS_COMMIT);
        this.ds = new HikariDataSource(cfg);
        this.jdbi = Jdbi.create(ds);
        if (pg) refuseUnsafePostgres();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    /** Embedded store in {@code dataDir}/store (H2 file). */
    public static Store embedded(Path dataDir) {
        Path base = dataDir.toAbsolutePath().resolve("store").resolve("ucsec");
        String url = "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE" + H2_DURABLE;
        compactIfLarge(base.resolveSibling("ucsec.mv.db"), url);
        return new Store(url, "ucsec", Secret.of(""));
    }

    /** A PostgreSQL (or other JDBC) store; the password is revealed only to the connection pool. */
    public static Store jdbc(String url, String user, Secret password) {
        return new Store(url, user, password);
    }

    /** Runs {@code work} in one serializable transaction; when this returns normally, the commit is on disk. */
    public <R> R tx(HandleCallback<R, RuntimeException> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.withHandle(h -> {
                    R result = h.inTransaction(TransactionIsolationLevel.SERIALIZABLE, work);
                    if (h2) h.execute("CHECKPOINT SYNC"); // fsync: the chunk WRITE_DELAY=0 wrote is in the OS, make it survive the OS too
                    return result;
                });
            } catch (RuntimeException e) {
                // a concurrent transaction won (serialization failure, deadlock, lock timeout): the work had no effect; run it again
                if (!isConflict(e)) throw e;
                if (attempt >= MAX_ATTEMPTS) throw new UcsecException("request.conflict-retry", "a concurrent change to the same objects won "
                        + MAX_ATTEMPTS + " times in a row; nothing was changed by this request: retry it", e);
                try { Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt)); }
                catch (InterruptedException ie) { Thread.currentThread().interrupt(); throw e; }
            }
        }
    }

    /** How often {@link #tx} runs a transaction that lost to a concurrent one before it answers {@code request.conflict-retry}. */
    static final int MAX_ATTEMPTS = 5;

    /**
     * SQLSTATE class 40 (serialization failure 40001, deadlock 40P01), H2's lock timeout / deadlock / concurrent update
     * codes, or a unique-key violation (23505): two transactions that both created the same new row (the loser, run
     * again, finds the row and updates it).
     */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if (state != null && (state.startsWith("40") || state.equals("23505"))) return true;
                if (code == 50200 /* LOCK_TIMEOUT_1 */ || code == 40001 /* DEADLOCK_1 */ || code == 90131 /* CONCURRENT_UPDATE_1 */) return true;
            }
        }
        return false;
    }

    public <R> R read(HandleCallback<R, RuntimeException> work) { return jdbi.withHandle(work); }

    public Jdbi jdbi() { return jdbi; }

    public String url() { return url; }

    /** A setting of the database engine as the store's connections see it (H2: INFORMATION_SCHEMA.SETTINGS, distinct values joined by commas; PostgreSQL: current_setting). */
    public String engineSetting(String name) {
        return read(h -> h2
                ? h.createQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = :n").bind("n", name)
                        .mapTo(String.class).list().stream().distinct().reduce((a, b) -> a + "," + b).orElse(null)
                : h.createQuery("SELECT current_setting(:n)").bind("n", name).mapTo(String.class).one());
    }

    private void refuseUnsafePostgres() {
        String fsync = engineSetting("fsync");
        String sync = engineSetting("synchronous_commit");
        if ("off".equalsIgnoreCase(fsync) || "off".equalsIgnoreCase(sync)) {
            ds.close();
            throw new IllegalStateException("the PostgreSQL store is not durable (fsync = " + fsync + ", synchronous_commit = " + sync
                    + "): acknowledged changes would be lost on a crash; set fsync = on in postgresql.conf");
        }
    }

    @Override public void close() {
        if (!h2) { ds.close(); return; }
        // SHUTDOWN on a plain connection, after the pool is closed: a pooled connection used after SHUTDOWN makes H2 write
        // "Database is already closed" stack traces into the store's trace file. COMPACT: without space reuse the file
        // only grows while the node runs; a clean stop brings it back to its live size.
        try (Connection c = DriverManager.getConnection(url, user, password == null ? null : password.revealString(SecretAccess.granted()))) {
            ds.close();
            try (Statement st = c.createStatement()) {
                st.execute(url.startsWith("jdbc:h2:file:") ? "SHUTDOWN COMPACT" : "SHUTDOWN");
            }
        } catch (SQLException e) {
            ds.close(); // already closed, or the database is gone: nothing left to flush
        }
    }

    private static void compactIfLarge(Path file, String url) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) <= COMPACT_AT_OPEN_BYTES) return;
            try (Connection c = DriverManager.getConnection(url, "ucsec", ""); Statement st = c.createStatement()) {
                st.execute("SHUTDOWN COMPACT");
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot compact the store " + file + ": " + e.getMessage(), e);
        }
    }
}
