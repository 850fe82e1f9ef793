package dev.switchboard.model.event;

import dev.switchboard.model.Require;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * A device of the recipient received messages. Receipts are per user: the first device to
 * acknowledge a message marks it delivered.
 *
 * @param conversationId the conversation of the messages
 * @param senderId who sent the messages
 * @param recipientId who received them
 * @param messageIds the messages, at least one
 * @param deliveredAt when the gateway took the acknowledgement
 */
public record MessagesDelivered(ConversationId conversationId, UserId senderId, UserId recipientId,
        List<MessageId> messageIds, Instant deliveredAt) implements ReceiptEvent {

    /** The value of the {@code type} property. */
    public static final String TYPE = "messages.delivered";

    public MessagesDelivered {
        Require.present(conversationId, "conversationId");
        Require.present(senderId, "senderId");
        Require.present(recipientId, "recipientId");
        Require.present(deliveredAt, "deliveredAt");
        if (messageIds == null || messageIds.isEmpty() || messageIds.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("messageIds are required");
        }
        messageIds = List.copyOf(messageIds);
    }

}
