-- SIP OAuth (SPEC O1-O11, seed 004). Enterprise parameters (O2, O3) and the cluster SIP OAuth mode (O6) are rows of
-- the setting table (scope 'cluster', names 'sipoauth.*').

-- O4: per call-control node, the SIP phone OAuth port and the SIP mobile and remote access port.
CREATE TABLE sipoauth_port (
    node        VARCHAR(255) PRIMARY KEY,
    phone_port  INTEGER      NOT NULL,
    mra_port    INTEGER      NOT NULL,
    token_port  INTEGER      NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- O5: Expressway-C connections; subjects = X.509 subject names / SANs (comma-separated, lower case); the
-- allowlist of the mutual-TLS MRA port. cert_pem: the Expressway-C certificate when the operator gave it (checked
-- against tomcat-trust for the warning).
CREATE TABLE sipoauth_expressway (
    host         VARCHAR(255)  PRIMARY KEY,
    description  VARCHAR(1024),
    subjects     VARCHAR(4096) NOT NULL,
    cert_pem     VARCHAR,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- O8: phone security profiles.
CREATE TABLE phone_security_profile (
    name            VARCHAR(128)  PRIMARY KEY,
    description     VARCHAR(1024),
    security_mode   VARCHAR(32)   NOT NULL,
    transport       VARCHAR(16)   NOT NULL,
    oauth           BOOLEAN       NOT NULL,
    digest_auth     BOOLEAN       NOT NULL,
    tftp_encrypted  BOOLEAN       NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- O9/O10: devices that may register with OAuth: their security profile and MRA settings.
CREATE TABLE sipoauth_device (
    name                 VARCHAR(64)   PRIMARY KEY,
    description          VARCHAR(1024),
    profile              VARCHAR(128)  NOT NULL REFERENCES phone_security_profile(name),
    mra_activation_code  BOOLEAN       NOT NULL,
    mra_service_domain   VARCHAR(255),
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- O10: token signing keys (ES256); material = the private JWK, AES-GCM-sealed with the node master key.
CREATE TABLE sipoauth_signing_key (
    kid          VARCHAR(64)  PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    signing      BOOLEAN      NOT NULL,
    key_enc      VARCHAR      NOT NULL
);

-- O10: one-time activation codes: only a hash (base64url SHA-256) is stored.
CREATE TABLE sipoauth_activation_code (
    code_hash    VARCHAR(128) PRIMARY KEY,
    device       VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE
);

-- O10: refresh tokens (hash only) in rotation families; a reused token revokes its family.
CREATE TABLE sipoauth_refresh_family (
    family       VARCHAR(64)  PRIMARY KEY,
    device       VARCHAR(128) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE TABLE sipoauth_refresh_token (
    token_hash         VARCHAR(128) PRIMARY KEY,
    family             VARCHAR(64)  NOT NULL,
    device             VARCHAR(128) NOT NULL,
    family_created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    issued_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at            TIMESTAMP WITH TIME ZONE,
    cert_thumbprint    VARCHAR(64)
);

-- O10: device revocation: access tokens issued to the device at or before revoked_at are refused.
CREATE TABLE sipoauth_device_revocation (
    device       VARCHAR(128) PRIMARY KEY,
    revoked_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
