package dev.switchboard.model.event;

import dev.switchboard.model.Require;

import java.time.Instant;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * The recipient read a conversation up to and including one message: every earlier
 * message that the peer sent in it counts as read too.
 *
 * @param conversationId the conversation
 * @param senderId the peer whose messages were read
 * @param recipientId the reader
 * @param upToMessageId the newest message read
 * @param readAt when the gateway took the read mark
 */
public record MessagesRead(ConversationId conversationId, UserId senderId, UserId recipientId, MessageId upToMessageId,
        Instant readAt) implements ReceiptEvent {

    /** The value of the {@code type} property. */
    public static final String TYPE = "messages.read";

    public MessagesRead {
        Require.present(conversationId, "conversationId");
        Require.present(senderId, "senderId");
        Require.present(recipientId, "recipientId");
        Require.present(upToMessageId, "upToMessageId");
        Require.present(readAt, "readAt");
    }

}
