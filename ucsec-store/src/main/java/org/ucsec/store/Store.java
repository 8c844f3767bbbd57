package org.ucsec.store;

import com.zaxxer.hikari.HikariConfig;
import org.ucsec.core.Secret;
import org.ucsec.core.SecretAccess;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.nio.file.Path;

/**
 * The store: an embedded H2 file by default, PostgreSQL for a cluster; the same Flyway migrations on both.
 * Every change is one transaction, so a crash leaves the store before or after it, never half-way.
 */
public final class Store implements AutoCloseable {
    private final HikariDataSource ds;
    private final Jdbi jdbi;
    private final String url;

    private Store(String url, String user, String password) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(8);
        cfg.setPoolName("ucsec-store");
        this.ds = new HikariDataSource(cfg);
        this.url = url;
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        this.jdbi = Jdbi.create(ds);
    }

    /** Embedded store in {@code dataDir}/store (H2 file). */
    public static Store embedded(Path dataDir) {
        Path base = dataDir.toAbsolutePath().resolve("store").resolve("ucsec");
        return new Store("jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE", "ucsec", "");
    }

    /** A PostgreSQL (or other JDBC) store; the password is revealed only to the connection pool. */
    public static Store jdbc(String url, String user, Secret password) {
        return new Store(url, user, password == null ? null : password.revealString(SecretAccess.granted()));
    }

    /** Runs {@code work} in one serializable transaction. */
    public <R> R tx(HandleCallback<R, RuntimeException> work) {
        return jdbi.inTransaction(TransactionIsolationLevel.SERIALIZABLE, work);
    }

    public <R> R read(HandleCallback<R, RuntimeException> work) { return jdbi.withHandle(work); }

    public Jdbi jdbi() { return jdbi; }

    public String url() { return url; }

    @Override public void close() {
        if (url.startsWith("jdbc:h2:")) {
            try (Handle h = jdbi.open()) { h.execute("SHUTDOWN"); } catch (Exception ignored) { /* already closed */ }
        }
        ds.close();
    }
}
