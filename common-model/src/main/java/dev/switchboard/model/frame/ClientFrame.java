package dev.switchboard.model.frame;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.switchboard.model.Require;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * A frame a client sends. The sender of every frame is the session's user: nothing in a
 * frame names who sends it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(ClientFrame.Send.class), @JsonSubTypes.Type(ClientFrame.Ack.class),
        @JsonSubTypes.Type(ClientFrame.Read.class), @JsonSubTypes.Type(ClientFrame.Typing.class) })
public sealed interface ClientFrame {

    /**
     * The frame's type name, as on the wire.
     * @return the name
     */
    String typeName();

    /**
     * Sends a message. The server answers {@link ServerFrame.Accepted} once Kafka has it,
     * or {@link ServerFrame.Error} carrying the same client message id; until then the
     * client may resend it under the same id, and a resend is the same message.
     *
     * @param clientMessageId the client's id for the message, unique per sender (a UUID)
     * @param to the recipient
     * @param body the text
     */
    @JsonTypeName("send")
    record Send(String clientMessageId, UserId to, String body) implements ClientFrame {

        public Send {
            Require.text(clientMessageId, "clientMessageId");
            if (clientMessageId.length() > MessageSent.MAX_CLIENT_MESSAGE_ID_LENGTH) {
                throw new IllegalArgumentException(
                        "clientMessageId is longer than " + MessageSent.MAX_CLIENT_MESSAGE_ID_LENGTH);
            }
            Require.present(to, "to");
            Require.text(body, "body");
        }

        @Override
        public String typeName() {
            return "send";
        }

    }

    /**
     * Says that messages reached this device; the server tells their sender.
     *
     * @param conversationId the messages' conversation
     * @param messageIds the messages, at most 100
     */
    @JsonTypeName("ack")
    record Ack(ConversationId conversationId, List<MessageId> messageIds) implements ClientFrame {

        /** The most messages one ack may name. */
        public static final int MAX_MESSAGES = 100;

        public Ack {
            Require.present(conversationId, "conversationId");
            if (messageIds == null || messageIds.isEmpty() || messageIds.size() > MAX_MESSAGES
                    || messageIds.stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("messageIds are 1 to " + MAX_MESSAGES + " message ids");
            }
            messageIds = List.copyOf(messageIds);
        }

        @Override
        public String typeName() {
            return "ack";
        }

    }

    /**
     * Says that the user read a conversation up to a message; the server tells the
     * sender.
     *
     * @param conversationId the conversation
     * @param upToMessageId the newest message read
     */
    @JsonTypeName("read")
    record Read(ConversationId conversationId, MessageId upToMessageId) implements ClientFrame {

        public Read {
            Require.present(conversationId, "conversationId");
            Require.present(upToMessageId, "upToMessageId");
        }

        @Override
        public String typeName() {
            return "read";
        }

    }

    /**
     * Says that the user is typing to someone; it reaches them only if they are online.
     *
     * @param to who is told
     */
    @JsonTypeName("typing")
    record Typing(UserId to) implements ClientFrame {

        public Typing {
            Require.present(to, "to");
        }

        @Override
        public String typeName() {
            return "typing";
        }

    }

}
