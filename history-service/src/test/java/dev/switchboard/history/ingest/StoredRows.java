package dev.switchboard.history.ingest;

import java.time.Instant;
import java.util.List;

import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the ingest tests read back from history-service's tables, straight from SQL, so
 * that they check the rows themselves and not what the service's own queries make of
 * them.
 */
final class StoredRows {

    private final JdbcClient jdbc;

    StoredRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows of a message: by its id, or by its sender and client message id. */
    long messages(MessageSent message) {
        return this.jdbc
            .sql("SELECT count(*) FROM history.message WHERE id = :id OR (sender_id = :s AND client_message_id = :c)")
            .param("id", message.messageId().value())
            .param("s", message.senderId().value())
            .param("c", message.clientMessageId())
            .query(Long.class)
            .single();
    }

    /** The sequence numbers stored in the direct conversation of two users, in order. */
    List<Long> sequencesOf(UserId one, UserId other) {
        return this.jdbc
            .sql("SELECT conversation_seq FROM history.message WHERE conversation_id = :c ORDER BY conversation_seq")
            .param("c", ConversationId.direct(one, other).value())
            .query(Long.class)
            .list();
    }

    int unread(UserId user, MessageSent inConversation) {
        return this.jdbc
            .sql("SELECT unread_count FROM history.conversation_member WHERE user_id = :u AND conversation_id = :c")
            .param("u", user.value())
            .param("c", inConversation.conversationId().value())
            .query(Integer.class)
            .single();
    }

    long feedEntries(UserId user) {
        return this.jdbc.sql("SELECT count(*) FROM history.feed_entry WHERE user_id = :u")
            .param("u", user.value())
            .query(Long.class)
            .single();
    }

    long feedEntries(UserId user, String kind) {
        return this.jdbc.sql("SELECT count(*) FROM history.feed_entry WHERE user_id = :u AND kind = :k")
            .param("u", user.value())
            .param("k", kind)
            .query(Long.class)
            .single();
    }

    Instant deliveredAt(MessageSent message) {
        return instant("delivered_at", message);
    }

    Instant readAt(MessageSent message) {
        return instant("read_at", message);
    }

    private Instant instant(String column, MessageSent message) {
        return this.jdbc.sql("SELECT " + column + " FROM history.message WHERE id = :id")
            .param("id", message.messageId().value())
            .query((row, n) -> (row.getTimestamp(1) != null) ? row.getTimestamp(1).toInstant() : null)
            .optional()
            .orElse(null);
    }

}
