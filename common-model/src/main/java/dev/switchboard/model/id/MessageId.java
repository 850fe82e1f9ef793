package dev.switchboard.model.id;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The server's identity of a message. It is derived from the sender, the conversation and
 * the client's own message id, so a resend under the same client message id is the same
 * message everywhere (Kafka, the store, every client) and collapses by this id, while the
 * same client message id used in another conversation names another message (a client
 * message id is unique per sender and conversation, and history and live delivery always
 * agree on what it names).
 *
 * @param value the UUID
 */
public record MessageId(UUID value) {

    /**
     * One MD5 digest per thread: {@code MessageDigest.getInstance} looks the algorithm up
     * among the security providers at every call, which costs more than the digest.
     */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new InternalError("Every JDK has MD5", ex);
        }
    });

    public MessageId {
        if (value == null) {
            throw new IllegalArgumentException("a message id is required");
        }
    }

    /**
     * The id of the message that {@code sender} sends in {@code conversation} under
     * {@code clientMessageId}.
     * @param sender the sending user
     * @param conversation the conversation the message belongs to
     * @param clientMessageId the client's id for the message
     * @return the message id, the same for every resend
     */
    public static MessageId derive(UserId sender, ConversationId conversation, String clientMessageId) {
        byte[] name = ("switchboard/message/" + sender.value() + "/" + conversation.value() + "/" + clientMessageId)
            .getBytes(StandardCharsets.UTF_8);
        // What UUID.nameUUIDFromBytes makes (a version 3 UUID), with a digest per thread.
        byte[] md5 = MD5.get().digest(name);
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (md5[i] & 0xff);
            low = (low << 8) | (md5[i + 8] & 0xff);
        }
        return new MessageId(new UUID(high, low));
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
