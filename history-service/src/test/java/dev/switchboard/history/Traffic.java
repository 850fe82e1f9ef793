package dev.switchboard.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Object mother and producer of the events history-service reads, as the gateway would
 * produce them, and a way to wait for them to be stored.
 */
public class Traffic {

    private final KafkaTemplate<Object, Object> kafka;

    private final JdbcClient jdbc;

    Traffic(KafkaTemplate<Object, Object> kafka, JdbcClient jdbc) {
        this.kafka = kafka;
        this.jdbc = jdbc;
    }

    /**
     * A message with a fresh client message id.
     */
    public static MessageSent message(UserId from, UserId to, String body) {
        String clientId = UUID.randomUUID().toString();
        return new MessageSent(MessageId.derive(from, ConversationId.direct(from, to), clientId), clientId,
                ConversationId.direct(from, to), from, to, body, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "session-1");
    }

    /**
     * The same message again, as a client resends it after losing its connection: same
     * client message id, accepted again later.
     */
    public static MessageSent resendOf(MessageSent original) {
        return new MessageSent(original.messageId(), original.clientMessageId(), original.conversationId(),
                original.senderId(), original.recipientId(), original.body(), original.sentAt().plusSeconds(5),
                "session-2");
    }

    public static MessagesDelivered delivered(MessageSent... messages) {
        MessageSent first = messages[0];
        return new MessagesDelivered(first.conversationId(), first.senderId(), first.recipientId(),
                List.of(messages).stream().map(MessageSent::messageId).toList(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public static MessagesRead readUpTo(MessageSent message) {
        return new MessagesRead(message.conversationId(), message.senderId(), message.recipientId(),
                message.messageId(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Sends events to their topic, keyed by conversation, and waits for Kafka's
     * acknowledgements.
     */
    public void send(SwitchboardEvent... events) {
        List<java.util.concurrent.CompletableFuture<?>> acks = new ArrayList<>();
        for (SwitchboardEvent event : events) {
            String topic = (event instanceof MessageSent) ? Topics.SEND_MESSAGE : Topics.MESSAGE_RECEIPTS;
            String key;
            if (event instanceof MessageSent message) {
                key = message.conversationId().value();
            }
            else if (event instanceof dev.switchboard.model.event.ReceiptEvent receipt) {
                key = receipt.conversationId().value();
            }
            else {
                throw new IllegalArgumentException("not sent by this helper: " + event);
            }
            acks.add(this.kafka.send(topic, key, event));
        }
        for (java.util.concurrent.CompletableFuture<?> ack : acks) {
            try {
                ack.get(10, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                throw new IllegalStateException("Kafka did not acknowledge", ex);
            }
        }
    }

    /**
     * Sends messages and waits until every one is stored.
     */
    public void sendAndAwaitStored(MessageSent... messages) {
        send(messages);
        awaitStored(messages);
    }

    public void awaitStored(MessageSent... messages) {
        List<UUID> ids = List.of(messages).stream().map((m) -> m.messageId().value()).distinct().toList();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> storedCount(ids) == ids.size());
    }

    public int storedCount(List<UUID> ids) {
        return this.jdbc.sql("SELECT count(*) FROM history.message WHERE id IN (:ids)")
            .param("ids", ids)
            .query(Integer.class)
            .single();
    }

}
