package org.ucsec.node.testing;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ucsec.core.UcsecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Service-level refusals: the stable error code (errors.tsv) is what a test asserts; the message is checked where it names something. */
public final class Refusals {
    private Refusals() {}

    /** Runs {@code call}, asserts it throws a {@link UcsecException} with {@code code}, and returns it for checks on the message. */
    public static UcsecException refused(String code, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("expected refusal %s", code).isInstanceOf(UcsecException.class);
        UcsecException e = (UcsecException) t;
        assertThat(e.code()).as("error code of: %s", e.getMessage()).isEqualTo(code);
        return e;
    }
}
