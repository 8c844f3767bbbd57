package org.ucsec.tls.probe;

/**
 * How one phase went: {@code OK}, {@code FAILED} (with the reason) or {@code NOT_RUN} (an earlier phase failed).
 * {@code millis} is the time the phase took (0 when not run).
 */
public record PhaseResult(ProbePhase phase, Status status, String message, long millis) {
    public enum Status { OK, FAILED, NOT_RUN }

    public boolean ok() { return status == Status.OK; }

    static PhaseResult notRun(ProbePhase p) { return new PhaseResult(p, Status.NOT_RUN, "not run: an earlier phase failed", 0); }

    @Override public String toString() { return phase.displayName() + ": " + status + " (" + millis + " ms) " + message; }
}
