package dev.switchboard.model.event;

import dev.switchboard.model.Require;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param withheld whether the recipient blocks the sender: the message is accepted and
 * stored for the sender (and reaches the sender's other devices) as any other, but is
 * never delivered to, nor shown to, nor counted for the recipient. Absent in JSON when
 * false (and read as false when absent, so records written before it existed are read as
 * they were meant); never {@code null} here.
 */
public record MessageSent(MessageId messageId, String clientMessageId, ConversationId conversationId, UserId senderId,
        UserId recipientId, String body, Instant sentAt, String senderSessionId,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean withheld) implements SwitchboardEvent {

    /**
     * A message that is not withheld.
     * @param messageId the server's id
     * @param clientMessageId the client's id
     * @param conversationId its conversation
     * @param senderId who sent it
     * @param recipientId who it is for
     * @param body the text
     * @param sentAt when the gateway accepted it
     * @param senderSessionId the sending session, or {@code null}
     */
    public MessageSent(MessageId messageId, String clientMessageId, ConversationId conversationId, UserId senderId,
            UserId recipientId, String body, Instant sentAt, String senderSessionId) {
        this(messageId, clientMessageId, conversationId, senderId, recipientId, body, sentAt, senderSessionId, false);
    }

    /**
     * This message, withheld from its recipient.
     * @return the withheld copy
     */
    public MessageSent withheldFromRecipient() {
        return new MessageSent(this.messageId, this.clientMessageId, this.conversationId, this.senderId,
                this.recipientId, this.body, this.sentAt, this.senderSessionId, true);
    }

    /** The value of the {@code type} property. */
    public static final String TYPE = "message.sent";

    /** The longest client message id, in characters. */
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 100;

    /**
     * The hard limit of a body in UTF-8 bytes: the most any gateway may be configured to
     * accept, and what every consumer can rely on.
     */
    public static final int MAX_BODY_BYTES = 65_536;

    public MessageSent {
        withheld = Boolean.TRUE.equals(withheld);
        Require.present(messageId, "messageId");
        Require.text(clientMessageId, "clientMessageId");
        if (clientMessageId.length() > MAX_CLIENT_MESSAGE_ID_LENGTH) {
            throw new IllegalArgumentException("clientMessageId is longer than " + MAX_CLIENT_MESSAGE_ID_LENGTH);
        }
        Require.present(conversationId, "conversationId");
        Require.present(senderId, "senderId");
        Require.present(recipientId, "recipientId");
        Require.text(body, "body");
        if (body.length() > MAX_BODY_BYTES / 4 && utf8Length(body) > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("body is longer than " + MAX_BODY_BYTES + " bytes");
        }
        Require.present(sentAt, "sentAt");
        if (!conversationId.equals(ConversationId.direct(senderId, recipientId))) {
            throw new IllegalArgumentException("conversationId does not match sender and recipient");
        }
    }

    /**
     * The length of a text in UTF-8 bytes, without encoding it.
     * @param text the text
     * @return the length
     */
    public static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            }
            else if (c < 0x800) {
                length += 2;
            }
            else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            }
            else {
                length += 3;
            }
        }
        return length;
    }

}
