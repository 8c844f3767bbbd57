-- Phone profiles (issue 9, SPEC P1-P15): cluster defaults -> named groups -> one phone.
CREATE TABLE phone_group (
    name        VARCHAR(64)   PRIMARY KEY,
    description VARCHAR(1024),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- mac: 12 lowercase hex digits; model: models.tsv of ucsec-phone; group_name NULL = cluster defaults only.
CREATE TABLE phone_device (
    mac         CHAR(12)      PRIMARY KEY,
    model       VARCHAR(32)   NOT NULL,
    serial      VARCHAR(64),
    group_name  VARCHAR(64)   REFERENCES phone_group(name),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One value of one level: scope cluster (owner '-'), group (owner = group name) or phone (owner = MAC).
-- Secret parameters (Proxy_Password, VPN_Password) are in val_enc, sealed with the node master key (AES-GCM, the row's
-- identity as associated data); val is then NULL. Other parameters are in val, val_enc NULL ('value' is reserved in H2).
CREATE TABLE phone_profile_value (
    scope       VARCHAR(8)    NOT NULL,
    owner       VARCHAR(64)   NOT NULL,
    param       VARCHAR(128)  NOT NULL,
    val         VARCHAR(4096),
    val_enc     VARCHAR(8192),
    PRIMARY KEY (scope, owner, param)
);
