package dev.switchboard.model.history;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * A change of receipts: messages were delivered to, or read by, their recipient.
 *
 * @param status {@code delivered} or {@code read}
 * @param conversationId the conversation
 * @param messageIds for {@code delivered}: the messages that were delivered
 * @param upToMessageId for {@code read}: every message up to and including this one is
 * read
 * @param by the recipient who received or read them
 * @param at when
 */
public record ReceiptView(Status status, ConversationId conversationId, List<MessageId> messageIds,
        MessageId upToMessageId, UserId by, Instant at) {

    /**
     * What happened to the messages.
     */
    public enum Status {

        /** A device of the recipient received them. */
        @JsonProperty("delivered")
        DELIVERED,

        /** The recipient read them. */
        @JsonProperty("read")
        READ

    }

}
