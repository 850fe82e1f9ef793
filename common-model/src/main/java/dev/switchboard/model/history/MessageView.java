package dev.switchboard.model.history;

import java.time.Instant;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * A stored message as its participants see it.
 *
 * @param messageId the message's id, the same as in live delivery
 * @param clientMessageId the sending client's id for it
 * @param conversationId its conversation
 * @param senderId who sent it
 * @param recipientId who it is for
 * @param body the text
 * @param sentAt when the gateway accepted it
 * @param sequence its place in the conversation (1, 2, 3, ...): the order in which the
 * server accepted the conversation's messages
 * @param deliveredAt when a device of the recipient first received it, if it has
 * @param readAt when the recipient read it, if they have
 */
public record MessageView(MessageId messageId, String clientMessageId, ConversationId conversationId, UserId senderId,
        UserId recipientId, String body, Instant sentAt, long sequence, Instant deliveredAt, Instant readAt) {
}
