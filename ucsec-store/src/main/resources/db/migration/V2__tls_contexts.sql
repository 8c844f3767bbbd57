-- TLS peer subjects (S3) and TLS contexts (S4).
CREATE TABLE tls_peer_subject (
    cn          VARCHAR(255) PRIMARY KEY,
    description VARCHAR(1024),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- cipher_suites and peer_subjects are comma-separated, in order (IANA suite names; peer subject CNs).
CREATE TABLE tls_context (
    name           VARCHAR(128) PRIMARY KEY,
    description    VARCHAR(1024),
    cipher_suites  VARCHAR NOT NULL,
    peer_subjects  VARCHAR NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
