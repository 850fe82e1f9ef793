-- Whom a user blocks: messages from blocked_id to blocker_id are withheld from blocker_id.
CREATE TABLE contact_block (
    blocker_id bigint      NOT NULL REFERENCES app_user (id),
    blocked_id bigint      NOT NULL REFERENCES app_user (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id),
    CONSTRAINT contact_block_not_self CHECK (blocker_id <> blocked_id)
);
