package dev.switchboard.history.sync;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One entry of a user's feed. Written by the ingest package; read-only to JPA.
 */
@Entity
@Immutable
@Table(name = "feed_entry")
class FeedEntry {

    @EmbeddedId
    private Key key;

    private String kind;

    @Column(name = "conversation_id")
    private String conversationId;

    @Column(name = "message_id")
    private UUID messageId;

    @Column(name = "message_ids")
    @JdbcTypeCode(SqlTypes.ARRAY)
    private UUID[] messageIds;

    @Column(name = "actor_id")
    private Long actorId;

    private Instant at;

    protected FeedEntry() {
    }

    long seq() {
        return this.key.seq;
    }

    String kind() {
        return this.kind;
    }

    String conversationId() {
        return this.conversationId;
    }

    UUID messageId() {
        return this.messageId;
    }

    UUID[] messageIds() {
        return this.messageIds;
    }

    Long actorId() {
        return this.actorId;
    }

    Instant at() {
        return this.at;
    }

    @Embeddable
    static class Key {

        @Column(name = "user_id")
        private long userId;

        private long seq;

        protected Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.userId == this.userId && key.seq == this.seq;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(this.userId) * 31 + Long.hashCode(this.seq);
        }

    }

}
