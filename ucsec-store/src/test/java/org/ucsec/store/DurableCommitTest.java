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
    void embeddedStore_writesEveryCommitImmediately_notAfterH2sDefaultDelay() {
        try (Store s = Store.embedded(dir)) {
            assertThat(s.engineSetting("WRITE_DELAY")).isEqualTo("0");
        }
    }

    @Test
    void everyCommitThatReturned_survivesSigkillOfTheWritingJvm() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), dir.toString(), "round" + round)
                    .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        acknowledged.add(line.substring("committed ".length()));
                        if (acknowledged.size() % 4 == 0) break; // four commits acknowledged in this round: kill at once
                    }
                }
                p.destroyForcibly(); // SIGKILL, right after the fourth acknowledgement
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(acknowledged).hasSize(12);
        try (Store s = Store.embedded(dir)) {
            for (String key : acknowledged) {
                assertThat(s.<Optional<String>>read(h -> Repos.setting(h, "cluster", key))).as("acknowledged write %s", key).contains("v-" + key);
                assertThat(s.read(h -> Repos.auditLog(h, 1000)).stream().anyMatch(a -> a.toString().contains(key)))
                        .as("audit line of %s", key).isTrue();
            }
        }
    }

    /** The writing JVM: commits settings with an audit line in a loop and prints each key once its tx returned. */
    public static final class Writer {
        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            try (Store s = Store.embedded(dir)) {
                for (int i = 0; ; i++) {
                    String key = args[1] + "-" + i;
                    s.tx(h -> {
                        Repos.putSetting(h, "cluster", key, "v-" + key);
                        Repos.audit(h, java.time.Instant.now(), "test", "settings.put", "cluster/" + key, "v-" + key);
                        return null;
                    });
                    System.out.println("committed " + key);
                    System.out.flush(); // and go on writing: the parent kills this JVM as soon as it has read four
                }
            }
        }
    }
}
