package dev.switchboard.message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.ReceiptEvent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Object mother and producer of the events message-service reads, as the gateway produces
 * them.
 */
public final class Traffic {

    private final KafkaTemplate<Object, Object> kafka;

    public Traffic(KafkaTemplate<Object, Object> kafka) {
        this.kafka = kafka;
    }

    public static MessageSent message(UserId from, UserId to, String body) {
        String clientId = UUID.randomUUID().toString();
        return new MessageSent(MessageId.derive(from, ConversationId.direct(from, to), clientId), clientId,
                ConversationId.direct(from, to), from, to, body, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "session-of-" + from);
    }

    public static MessagesDelivered delivered(MessageSent message) {
        return new MessagesDelivered(message.conversationId(), message.senderId(), message.recipientId(),
                List.of(message.messageId()), Instant.now());
    }

    public static MessagesRead read(MessageSent message) {
        return new MessagesRead(message.conversationId(), message.senderId(), message.recipientId(),
                message.messageId(), Instant.now());
    }

    public static UserTyping typing(UserId from, UserId to) {
        return new UserTyping(ConversationId.direct(from, to), from, to, Instant.now());
    }

    /**
     * Produces events to their topics, keyed by conversation, and waits for the acks.
     */
    public void send(SwitchboardEvent... events) {
        for (SwitchboardEvent event : events) {
            String topic;
            ConversationId key;
            if (event instanceof MessageSent message) {
                topic = Topics.SEND_MESSAGE;
                key = message.conversationId();
            }
            else if (event instanceof ReceiptEvent receipt) {
                // What history-service puts there once it stored a receipt.
                topic = Topics.RECEIPTS_STORED;
                key = receipt.conversationId();
            }
            else if (event instanceof UserTyping typing) {
                topic = Topics.TYPING;
                key = typing.conversationId();
            }
            else {
                throw new IllegalArgumentException(event.toString());
            }
            try {
                this.kafka.send(topic, key.value(), event).get(10, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException("Kafka did not take " + event, ex);
            }
        }
    }

}
