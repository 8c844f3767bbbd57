package org.ucsec.node.platform;

import java.util.List;

/**
 * The one result shape of every change (issue 6, item 5): the new value, warnings the operator should read, and the
 * restarts the change marked ({@code service@node}). The CLI prints exactly this; nothing is hard-coded there.
 */
public record Change<T>(T value, List<String> warnings, List<String> restartsMarked) {
    public Change {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        restartsMarked = restartsMarked == null ? List.of() : List.copyOf(restartsMarked);
    }

    public static <T> Change<T> of(T value, List<String> warnings, List<String> restartsMarked) { return new Change<>(value, warnings, restartsMarked); }

    public static <T> Change<T> unchanged(T value) { return new Change<>(value, List.of(), List.of()); }
}
