package org.ucsec.oauth;

import org.ucsec.core.Secret;

import java.time.Instant;

/** A refresh token just issued: {@code token} is opaque (256 random bits, base64url), handed to the device once. */
public record IssuedRefreshToken(Secret token, String deviceId, String familyId, Instant expiresAt) {}
