package dev.switchboard.model.id;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The server's identity of a message. It is derived from the sender and the client's own
 * message id, so a resend under the same client message id is the same message everywhere
 * (Kafka, the store, every client) and collapses by this id.
 *
 * @param value the UUID
 */
public record MessageId(UUID value) {

    public MessageId {
        if (value == null) {
            throw new IllegalArgumentException("a message id is required");
        }
    }

    /**
     * The id of the message that {@code sender} sends under {@code clientMessageId}.
     * @param sender the sending user
     * @param clientMessageId the client's id for the message, unique per sender
     * @return the message id, the same for every resend
     */
    public static MessageId derive(UserId sender, String clientMessageId) {
        byte[] name = ("switchboard/message/" + sender.value() + "/" + clientMessageId)
            .getBytes(StandardCharsets.UTF_8);
        return new MessageId(UUID.nameUUIDFromBytes(name));
    }

    /**
     * Parses a message id.
     * @param text a UUID in its canonical text form
     * @return the id
     * @throws IllegalArgumentException if the text is not a UUID
     */
    @JsonCreator
    public static MessageId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("a message id is a UUID");
        }
        return new MessageId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return this.value.toString();
    }

}
