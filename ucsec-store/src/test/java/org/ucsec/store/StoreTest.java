package org.ucsec.store;

import org.ucsec.core.SecretAccess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ucsec.core.Secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreTest {
    @TempDir Path dir;

    @Test
    void masterKey_isCreatedOwnerOnly_andReloads() throws Exception {
        Path f = dir.resolve("master.key");
        MasterKey k = MasterKey.loadOrCreate(f);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        String sealed = k.seal(Secret.of("private"), "identity/n/tomcat");
        assertThat(sealed).doesNotContain("private");
        assertThat(MasterKey.loadOrCreate(f).open(sealed, "identity/n/tomcat").revealString(SecretAccess.granted())).isEqualTo("private");
        assertThat(k.toString()).doesNotContain(Files.readString(f).trim());
    }

    @Test
    void sealedValue_movedToAnotherRecord_doesNotDecrypt() {
        MasterKey k = MasterKey.loadOrCreate(dir.resolve("master.key"));
        String sealed = k.seal(Secret.of("private"), "identity/n/tomcat");
        assertThatThrownBy(() -> k.open(sealed, "identity/n/cup")).hasMessageContaining("identity/n/cup");
    }

    @Test
    void masterKey_readableByOthers_isRefused() throws Exception {
        Path f = dir.resolve("master.key");
        MasterKey.loadOrCreate(f);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(f)).hasMessageContaining("chmod 600");
    }

    @Test
    void embeddedStore_migratesAndPersistsAcrossReopen() {
        try (Store s = Store.embedded(dir)) {
            s.tx(h -> { put(h, "x"); return null; });
        }
        try (Store s = Store.embedded(dir)) {
            assertThat(s.<java.util.Optional<String>>read(h -> get(h, "x"))).contains("1");
        }
    }

    @Test
    void failedTransaction_leavesNothingBehind() {
        try (Store s = Store.embedded(dir)) {
            assertThatThrownBy(() -> s.tx(h -> {
                put(h, "y");
                throw new IllegalStateException("boom");
            })).hasMessage("boom");
            assertThat(s.<java.util.Optional<String>>read(h -> get(h, "y"))).isEmpty();
        }
    }

    private static void put(org.jdbi.v3.core.Handle h, String name) {
        h.createUpdate("INSERT INTO setting(scope, name, val) VALUES ('cluster', :n, '1')").bind("n", name).execute();
    }

    private static java.util.Optional<String> get(org.jdbi.v3.core.Handle h, String name) {
        return h.createQuery("SELECT val FROM setting WHERE scope = 'cluster' AND name = :n").bind("n", name).mapTo(String.class).findOne();
    }
}
