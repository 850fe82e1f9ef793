package dev.switchboard.model.frame;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.history.ReceiptView;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * A frame the server sends.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(ServerFrame.Ready.class), @JsonSubTypes.Type(ServerFrame.Accepted.class),
        @JsonSubTypes.Type(ServerFrame.Message.class), @JsonSubTypes.Type(ServerFrame.Receipt.class),
        @JsonSubTypes.Type(ServerFrame.Typing.class), @JsonSubTypes.Type(ServerFrame.Error.class) })
public sealed interface ServerFrame {

    /**
     * The frame's type name, as on the wire.
     * @return the name
     */
    String typeName();

    /**
     * The session is registered: from now on, every message for the user reaches it live.
     * A client syncs after this frame (never before), so that nothing falls between sync
     * and live delivery.
     *
     * @param sessionId this session
     * @param userId the session's user
     * @param nodeId the gateway node holding it
     */
    @JsonTypeName("ready")
    record Ready(String sessionId, UserId userId, String nodeId) implements ServerFrame {

        @Override
        public String typeName() {
            return "ready";
        }

    }

    /**
     * Kafka has the message: it will be delivered and stored.
     *
     * @param clientMessageId the client's id, as sent
     * @param messageId the server's id
     * @param conversationId the conversation
     * @param sentAt the server's timestamp
     */
    @JsonTypeName("accepted")
    record Accepted(String clientMessageId, MessageId messageId, ConversationId conversationId,
            Instant sentAt) implements ServerFrame {

        @Override
        public String typeName() {
            return "accepted";
        }

        /**
         * The frame for an accepted message.
         * @param message the message
         * @return the frame
         */
        public static Accepted of(MessageSent message) {
            return new Accepted(message.clientMessageId(), message.messageId(), message.conversationId(),
                    message.sentAt());
        }

    }

    /**
     * A message for the user, or one the user sent from another device.
     *
     * @param messageId the message's id (duplicates, from sync or a redelivery, share it)
     * @param clientMessageId the sending client's id
     * @param conversationId the conversation
     * @param from the sender
     * @param to the recipient
     * @param body the text
     * @param sentAt the server's timestamp
     */
    @JsonTypeName("message")
    record Message(MessageId messageId, String clientMessageId, ConversationId conversationId, UserId from, UserId to,
            String body, Instant sentAt) implements ServerFrame {

        @Override
        public String typeName() {
            return "message";
        }

        /**
         * The frame for a message.
         * @param message the message
         * @return the frame
         */
        public static Message of(MessageSent message) {
            return new Message(message.messageId(), message.clientMessageId(), message.conversationId(),
                    message.senderId(), message.recipientId(), message.body(), message.sentAt());
        }

    }

    /**
     * Messages the user sent were delivered to, or read by, their recipient; or the user
     * read a conversation on another device.
     *
     * @param status {@code delivered} or {@code read}
     * @param conversationId the conversation
     * @param messageIds for {@code delivered}: the messages
     * @param upToMessageId for {@code read}: every message up to this one is read
     * @param by the recipient
     * @param at when
     */
    @JsonTypeName("receipt")
    record Receipt(ReceiptView.Status status, ConversationId conversationId, List<MessageId> messageIds,
            MessageId upToMessageId, UserId by, Instant at) implements ServerFrame {

        @Override
        public String typeName() {
            return "receipt";
        }

        /**
         * The frame for a delivered receipt.
         * @param event the event
         * @return the frame
         */
        public static Receipt of(MessagesDelivered event) {
            return new Receipt(ReceiptView.Status.DELIVERED, event.conversationId(), event.messageIds(), null,
                    event.recipientId(), event.deliveredAt());
        }

        /**
         * The frame for a read receipt.
         * @param event the event
         * @return the frame
         */
        public static Receipt of(MessagesRead event) {
            return new Receipt(ReceiptView.Status.READ, event.conversationId(), null, event.upToMessageId(),
                    event.recipientId(), event.readAt());
        }

    }

    /**
     * Someone is typing to the user.
     *
     * @param conversationId the conversation
     * @param from who types
     */
    @JsonTypeName("typing")
    record Typing(ConversationId conversationId, UserId from) implements ServerFrame {

        @Override
        public String typeName() {
            return "typing";
        }

        /**
         * The frame for a typing notice.
         * @param event the event
         * @return the frame
         */
        public static Typing of(UserTyping event) {
            return new Typing(event.conversationId(), event.senderId());
        }

    }

    /**
     * A frame could not be handled. The session stays open unless the error says it
     * closes.
     *
     * @param code the stable code
     * @param message what went wrong, for people
     * @param clientMessageId the client message id of the {@code send} that failed, if
     * any: the client may resend it under the same id
     */
    @JsonTypeName("error")
    record Error(ErrorCode code, String message, String clientMessageId) implements ServerFrame {

        @Override
        public String typeName() {
            return "error";
        }

    }

}
