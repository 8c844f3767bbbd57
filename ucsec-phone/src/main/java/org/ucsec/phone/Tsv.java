package org.ucsec.phone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads one of this package's data files: tab-separated rows, {@code #} comments, blank lines skipped. */
final class Tsv {
    private Tsv() {}

    static List<String[]> read(String resource, int columns) {
        try (InputStream in = Tsv.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource org/ucsec/phone/" + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length < columns) throw new IllegalStateException(resource + ":" + no + ": expected " + columns + " columns, got " + f.length);
                rows.add(f);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
