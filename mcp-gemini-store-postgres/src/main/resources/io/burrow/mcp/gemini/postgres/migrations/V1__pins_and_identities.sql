-- Version 1 of the Gemini trust store: TOFU pins and client identities.
CREATE TABLE gemini_tofu_pins (
    host        text        NOT NULL,
    port        integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    fingerprint text        NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    expires     timestamptz,
    PRIMARY KEY (host, port)
);

CREATE TABLE gemini_client_identities (
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    name        text        PRIMARY KEY,
    scope       text        NOT NULL UNIQUE,
    fingerprint text        NOT NULL,
    created     timestamptz,
    expires     timestamptz,
    certificate bytea       NOT NULL,
    -- AES-256-GCM under BURROW_GEMINI_STORE_KEY: format byte 1, 12-byte nonce, ciphertext and tag; the associated
    -- data binds it to the row's name and fingerprint
    private_key bytea       NOT NULL,
    -- which key encrypted it (a digest of the key, never the key), so that a wrong key is named as such
    key_id      text        NOT NULL
);
