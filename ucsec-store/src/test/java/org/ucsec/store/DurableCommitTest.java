package org.ucsec.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction {@link Store#tx} has returned is on disk: a JVM killed with SIGKILL right after the commit returned
 * leaves it in the store (issue 8, item 1). The writer is a real separate JVM.
 */
class DurableCommitTest {
    @TempDir Path dir;

    @Test
    void embeddedStore_writesEveryCommitImmediately_atTheEndOfTheFile() {
        try (Store s = Store.embedded(dir)) {
            assertThat(s.engineSetting("WRITE_DELAY")).as("not H2's default 500 ms").isEqualTo("0");
            assertThat(s.engineSetting("REUSE_SPACE")).as("no chunk written into free space a crash recovery does not look at").isEqualToIgnoringCase("false");
        }
    }

    @Test
    void closingTheStore_compactsWhatAppendOnlyWritesLeftBehind() throws Exception {
        Path file = dir.resolve("store/ucsec.mv.db");
        long grown;
        try (Store s = Store.embedded(dir)) {
            for (int i = 0; i < 300; i++) {
                int k = i;
                s.tx(h -> { Rows.putSetting(h, "cluster", "k" + (k % 10), "v" + k); return null; });
            }
            grown = java.nio.file.Files.size(file);
        }
        assertThat(grown).as("300 writes appended").isGreaterThan(1L << 20);
        assertThat(java.nio.file.Files.size(file)).as("after close").isLessThan(grown / 4);
        try (Store s = Store.embedded(dir)) {
            assertThat(s.<Optional<String>>read(h -> Rows.setting(h, "cluster", "k9"))).contains("v299");
        }
    }

    @Test
    void everyCommitThatReturned_survivesSigkillOfTheWritingJvm() throws Exception {
        // each round: a JVM opens the store, commits a few changes and then nothing more (so no later commit can carry an
        // earlier one to the file), and is killed as soon as it has reported the last commit; the next round reopens the
        // file after that crash, as a node restarted after kill -9 does
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString(), "round" + round)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) acknowledged.add(line.substring("committed ".length()));
                    if (line.equals("idle")) break;
                }
                p.destroyForcibly(); // SIGKILL, right after the last acknowledgement
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(acknowledged).hasSize(ROUNDS * Writer.COMMITS);
        try (Store s = Store.embedded(dir)) {
            List<String> lost = new ArrayList<>();
            List<String> audit = s.read(Rows::auditTargets);
            for (String key : acknowledged) {
                boolean setting = s.<Optional<String>>read(h -> Rows.setting(h, "cluster", key)).equals(Optional.of("v-" + key));
                boolean line = audit.contains("cluster/" + key);
                if (!setting || !line) lost.add(key + (setting ? "" : " (setting)") + (line ? "" : " (audit line)"));
            }
            assertThat(lost).as("acknowledged commits missing after SIGKILL").isEmpty();
        }
    }

    static final int ROUNDS = 8;

    /** The writing JVM: commits settings with an audit line, prints each key once its tx returned, then idles. */
    public static final class Writer {
        static final int COMMITS = 3;

        public static void main(String[] args) throws InterruptedException {
            Store s = Store.embedded(Path.of(args[0]));
            for (int i = 0; i < COMMITS; i++) {
                String key = args[1] + "-" + i;
                s.tx(h -> {
                    for (int j = 0; j < 20; j++) Rows.putSetting(h, "filler", "f" + j, key + "x".repeat(500)); // churn: old chunks die
                    Rows.putSetting(h, "cluster", key, "v-" + key);
                    Rows.audit(h, "settings.put", "cluster/" + key, "v-" + key);
                    return null;
                });
                System.out.println("committed " + key);
            }
            System.out.println("idle");
            System.out.flush();
            Thread.sleep(60_000); // killed long before
        }
    }
}
