package org.ucsec.oauth;

import org.ucsec.core.UcsecException;

/**
 * A refusal of the token service or the token verifier: a stable registered code ({@code oauth.*}, kind from
 * errors.tsv) plus the OAuth error the protocol answers with: RFC 6750 3.1 ({@code invalid_token},
 * {@code insufficient_scope}, {@code invalid_request}) for a presented access token, RFC 6749 5.2
 * ({@code invalid_grant}, {@code unsupported_grant_type}, {@code invalid_request}) at the token endpoint.
 * The message names the claim or field at fault but never carries the token, code or key itself.
 */
public final class OAuthException extends UcsecException {
    private final String error;

    public OAuthException(String code, String error, String message) {
        super(code, message);
        this.error = error;
    }

    public OAuthException(String code, String error, String message, Throwable cause) {
        super(code, message, cause);
        this.error = error;
    }

    /** The OAuth error value for the {@code error} parameter / field (RFC 6750 3.1, RFC 6749 5.2). */
    public String error() { return error; }

    static final String INVALID_TOKEN = "invalid_token";
    static final String INSUFFICIENT_SCOPE = "insufficient_scope";
    static final String INVALID_REQUEST = "invalid_request";
    static final String INVALID_GRANT = "invalid_grant";
    static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
}
