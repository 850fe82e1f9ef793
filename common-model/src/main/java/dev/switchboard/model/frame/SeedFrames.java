package dev.switchboard.model.frame;

import java.time.Instant;

import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

/**
 * The frames of the seed design, which its clients still speak. The gateway reads a
 * {@link Send} as a {@code send} (its token field is ignored: the session's user sends),
 * and a session that connected the seed's way ({@code ?accessToken=}) receives messages
 * as a {@link Delivery}.
 */
public final class SeedFrames {

    /** The seed's only topic, in its frames. */
    public static final String SEND_MESSAGE = "SEND_MESSAGE";

    private SeedFrames() {
    }

    /**
     * The seed's outgoing frame: {@code {"topic":"SEND_MESSAGE","message":{...}}}.
     *
     * @param topic always {@code SEND_MESSAGE}
     * @param message the message
     */
    public record Send(String topic, Body message) {

        /**
         * The seed's message.
         *
         * @param accessToken ignored: the session authenticated at the handshake
         * @param sendTo the recipient's user id (the seed's clients send it as a string)
         * @param msg the text
         */
        public record Body(String accessToken, UserId sendTo, String msg) {

            @Override
            public String toString() {
                return "Body[accessToken=[hidden], sendTo=" + this.sendTo + ", msg=" + this.msg + "]";
            }

        }

    }

    /**
     * What a seed client receives: its fields {@code msg}, {@code senderId} and
     * {@code topic}, plus the ids a newer client would use.
     *
     * @param topic always {@code SEND_MESSAGE}
     * @param msg the text
     * @param senderId the sender
     * @param messageId the message's id
     * @param conversationId the conversation
     * @param sentAt the server's timestamp
     */
    public record Delivery(String topic, String msg, UserId senderId, MessageId messageId,
            ConversationId conversationId, Instant sentAt) {

        /**
         * The seed frame of a message.
         * @param message the message
         * @return the frame
         */
        public static Delivery of(MessageSent message) {
            return new Delivery(SEND_MESSAGE, message.body(), message.senderId(), message.messageId(),
                    message.conversationId(), message.sentAt());
        }

    }

}
