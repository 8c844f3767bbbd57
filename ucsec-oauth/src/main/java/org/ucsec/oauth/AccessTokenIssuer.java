package org.ucsec.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.ucsec.core.Secret;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues device access tokens: ES256 JWS compact (base64url without padding) in the RFC 9068 shape
 * ({@code typ: at+jwt}; {@code iss, aud, sub} = device id, {@code iat, nbf, exp, jti, scope}) with an optional
 * RFC 8705 {@code cnf: {x5t#S256}} certificate binding. Signed with the key set's current signing key.
 */
public final class AccessTokenIssuer {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final SigningKeys keys;
    private final TokenPolicy policy;
    private final Clock clock;

    public AccessTokenIssuer(SigningKeys keys, TokenPolicy policy, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param certThumbprint the RFC 8705 {@code x5t#S256} of the client certificate the token is bound to, if any */
    public IssuedAccessToken issue(String deviceId, Optional<String> certThumbprint) {
        Opaque.checkDevice(deviceId);
        Optional<String> cnf = Opaque.checkThumbprint(certThumbprint);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(policy.accessTokenTtl());
        String jti = Opaque.b64url(Opaque.randomBytes(16));
        ECKey key = keys.signingKey();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(policy.issuer()).audience(policy.audience()).subject(deviceId)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(exp))
                .jwtID(jti).claim("scope", policy.scope());
        cnf.ifPresent(t -> claims.claim("cnf", Map.of("x5t#S256", t)));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(AT_JWT).build(), claims.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
        return new IssuedAccessToken(Secret.of(jwt.serialize()), deviceId, jti, key.getKeyID(), policy.scope(), now, exp, cnf);
    }
}
