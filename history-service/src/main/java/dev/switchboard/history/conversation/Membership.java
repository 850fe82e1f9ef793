package dev.switchboard.history.conversation;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A user's side of a conversation: its newest message and the user's unread count.
 * Written by the ingest package; read-only to JPA.
 */
@Entity
@Immutable
@Table(name = "conversation_member")
class Membership {

    @EmbeddedId
    private Key key;

    @Column(name = "peer_id")
    private long peerId;

    @Column(name = "last_message_id")
    private UUID lastMessageId;

    @Column(name = "last_feed_seq")
    private long lastFeedSeq;

    @Column(name = "unread_count")
    private int unreadCount;

    protected Membership() {
    }

    String conversationId() {
        return this.key.conversationId;
    }

    long peerId() {
        return this.peerId;
    }

    UUID lastMessageId() {
        return this.lastMessageId;
    }

    long lastFeedSeq() {
        return this.lastFeedSeq;
    }

    int unreadCount() {
        return this.unreadCount;
    }

    @Embeddable
    static class Key {

        @Column(name = "user_id")
        private long userId;

        @Column(name = "conversation_id")
        private String conversationId;

        protected Key() {
        }

        Key(long userId, String conversationId) {
            this.userId = userId;
            this.conversationId = conversationId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.userId == this.userId
                    && key.conversationId.equals(this.conversationId);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(this.userId) * 31 + this.conversationId.hashCode();
        }

    }

}
