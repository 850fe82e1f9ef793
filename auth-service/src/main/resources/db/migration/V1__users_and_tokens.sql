-- auth-service owns these tables; no other service reads them.

CREATE TABLE app_user (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mobile     varchar(16) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT app_user_mobile_key UNIQUE (mobile)
);

-- Tokens are stored only as SHA-256 digests of the token.
CREATE TABLE access_token (
    id                      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id                 bigint      NOT NULL REFERENCES app_user (id),
    token_hash              bytea       NOT NULL,
    created_at              timestamptz NOT NULL,
    expires_at              timestamptz NOT NULL,
    revoked_at              timestamptz,
    -- set once the cache entry is gone and the revocation event is on Kafka
    revocation_completed_at timestamptz,
    CONSTRAINT access_token_hash_key UNIQUE (token_hash),
    CONSTRAINT access_token_hash_length CHECK (octet_length(token_hash) = 32)
);

CREATE INDEX access_token_user_idx ON access_token (user_id);

-- What the revocation relay polls: small, since completed revocations leave it.
CREATE INDEX access_token_pending_revocation_idx ON access_token (revoked_at)
    WHERE revoked_at IS NOT NULL AND revocation_completed_at IS NULL;
