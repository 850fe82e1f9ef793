-- history-service owns these tables; no other service reads them.

-- One row per conversation; last_seq hands out the conversation's message sequence.
CREATE TABLE conversation (
    id       varchar(40) PRIMARY KEY,
    last_seq bigint      NOT NULL DEFAULT 0
);

-- Every accepted message once: the id is derived from (sender, client message id), so a
-- resend is the same row; the second unique key guards the same rule by its parts.
CREATE TABLE message (
    id                uuid         PRIMARY KEY,
    conversation_id   varchar(40)  NOT NULL REFERENCES conversation (id),
    conversation_seq  bigint       NOT NULL,
    sender_id         bigint       NOT NULL,
    recipient_id      bigint       NOT NULL,
    client_message_id varchar(100) NOT NULL,
    body              text         NOT NULL,
    sent_at           timestamptz  NOT NULL,
    persisted_at      timestamptz  NOT NULL DEFAULT now(),
    delivered_at      timestamptz,
    read_at           timestamptz,
    CONSTRAINT message_sender_client_message_key UNIQUE (sender_id, client_message_id),
    -- also the index of a conversation's pages, read backwards (newest first)
    CONSTRAINT message_conversation_seq_key UNIQUE (conversation_id, conversation_seq)
);

-- A user's side of a conversation: what the conversation list shows.
CREATE TABLE conversation_member (
    user_id         bigint      NOT NULL,
    conversation_id varchar(40) NOT NULL REFERENCES conversation (id),
    peer_id         bigint      NOT NULL,
    last_message_id uuid        NOT NULL,
    -- the user's feed sequence of the newest message: orders the list, most recent first
    last_feed_seq   bigint      NOT NULL,
    unread_count    integer     NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    last_read_seq   bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, conversation_id)
);

CREATE INDEX conversation_member_recent_idx ON conversation_member (user_id, last_feed_seq DESC);

-- Hands out each user's feed sequence. Its row is locked until the transaction that
-- takes numbers commits, so a user's entries become visible in sequence order and a sync
-- cursor can never pass an entry that commits later.
CREATE TABLE user_sequence (
    user_id  bigint PRIMARY KEY,
    last_seq bigint NOT NULL
);

-- What sync serves: per user, in sequence order, every message they received or sent and
-- every change of receipts they should learn of.
CREATE TABLE feed_entry (
    user_id         bigint      NOT NULL,
    seq             bigint      NOT NULL,
    kind            varchar(10) NOT NULL CHECK (kind IN ('message', 'delivered', 'read')),
    conversation_id varchar(40) NOT NULL,
    message_id      uuid,
    message_ids     uuid[],
    actor_id        bigint,
    at              timestamptz NOT NULL,
    PRIMARY KEY (user_id, seq)
);
