package dev.switchboard.model.event;

import java.time.Instant;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * A message that the gateway accepted: Kafka acknowledged it on {@code SEND_MESSAGE},
 * keyed by its conversation.
 *
 * @param messageId the server's id, derived from sender and client message id
 * @param clientMessageId the sending client's id for the message
 * @param conversationId the conversation it belongs to
 * @param senderId who sent it: always the sending session's user, never a payload field
 * @param recipientId who it is for
 * @param body the text
 * @param sentAt when the gateway accepted it
 * @param senderSessionId the sending session, so that the sender's other devices get a
 * copy and the sending device does not; may be absent
 */
public record MessageSent(MessageId messageId, String clientMessageId, ConversationId conversationId, UserId senderId,
        UserId recipientId, String body, Instant sentAt, String senderSessionId) implements SwitchboardEvent {

    /** The value of the {@code type} property. */
    public static final String TYPE = "message.sent";

    public MessageSent {
        Require.present(messageId, "messageId");
        Require.text(clientMessageId, "clientMessageId");
        Require.present(conversationId, "conversationId");
        Require.present(senderId, "senderId");
        Require.present(recipientId, "recipientId");
        Require.text(body, "body");
        Require.present(sentAt, "sentAt");
        if (!conversationId.equals(ConversationId.direct(senderId, recipientId))) {
            throw new IllegalArgumentException("conversationId does not match sender and recipient");
        }
    }

}
