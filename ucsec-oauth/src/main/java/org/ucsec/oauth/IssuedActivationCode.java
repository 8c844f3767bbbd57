package org.ucsec.oauth;

import org.ucsec.core.Secret;

import java.time.Instant;

/** An activation code just created: {@code code} is shown to the administrator once and is not kept anywhere. */
public record IssuedActivationCode(String deviceId, Secret code, Instant expiresAt) {}
