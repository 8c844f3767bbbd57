-- CRLs uploaded per trust store (issue 7: revocation by CRL). One row per CRL; the DER is kept as base64 text.
CREATE TABLE trust_crl (
    store        VARCHAR(64)   NOT NULL,
    fingerprint  VARCHAR(128)  NOT NULL,
    issuer       VARCHAR(2048) NOT NULL,
    this_update  TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update  TIMESTAMP WITH TIME ZONE,
    entries      INTEGER       NOT NULL,
    crl_der      VARCHAR       NOT NULL,
    description  VARCHAR(1024),
    added_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (store, fingerprint)
);
