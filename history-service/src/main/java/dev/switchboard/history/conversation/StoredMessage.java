package dev.switchboard.history.conversation;

import java.time.Instant;
import java.util.UUID;

import dev.switchboard.model.history.MessageView;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/**
 * A stored message, as JPA reads it. Rows are written in batches by the ingest package,
 * with statements JPA cannot express ({@code INSERT ... SELECT ... FROM unnest(...)} over
 * whole arrays), so to JPA this entity is read-only. A message is stored once because the
 * ingest package locks its conversation and skips ids already stored; the table's unique
 * keys are only a backstop.
 */
@Entity
@Immutable
@Table(name = "message")
public class StoredMessage {

    @Id
    private UUID id;

    @Column(name = "conversation_id")
    private String conversationId;

    @Column(name = "conversation_seq")
    private long conversationSeq;

    @Column(name = "sender_id")
    private long senderId;

    @Column(name = "recipient_id")
    private long recipientId;

    @Column(name = "client_message_id")
    private String clientMessageId;

    private String body;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "read_at")
    private Instant readAt;

    private boolean withheld;

    protected StoredMessage() {
    }

    /**
     * The message's id.
     * @return the id
     */
    public UUID id() {
        return this.id;
    }

    /**
     * The message's place in its conversation.
     * @return the sequence
     */
    public long conversationSeq() {
        return this.conversationSeq;
    }

    /**
     * The message as the API shows it.
     * @return the view
     */
    public MessageView toView() {
        return new MessageView(new MessageId(this.id), this.clientMessageId, ConversationId.parse(this.conversationId),
                new UserId(this.senderId), new UserId(this.recipientId), this.body, this.sentAt, this.conversationSeq,
                this.deliveredAt, this.readAt);
    }

}
