package dev.switchboard.gateway.ingress;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.ReceiptEvent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.ConversationId;
import jakarta.annotation.PreDestroy;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands events to the Kafka producer (idempotent, {@code acks=all}) and reports Kafka's
 * acknowledgement. {@code KafkaProducer.send} can block (while it waits for a topic's
 * metadata, or for buffer space when the broker is unreachable), so it never runs on an
 * event loop: one thread feeds the producer, in arrival order, from a bounded queue. When
 * the queue is full the event is refused at once, and the client resends later.
 */
@Component
public class KafkaIngress {

    private final KafkaTemplate<Object, Object> kafka;

    private final ThreadPoolExecutor feeder;

    KafkaIngress(KafkaTemplate<Object, Object> kafka, GatewayProperties properties) {
        this.kafka = kafka;
        this.feeder = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(properties.sendQueueCapacity()), (task) -> {
                    Thread thread = new Thread(task, "kafka-ingress");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Produces a message to {@code SEND_MESSAGE}.
     * @param message the message
     * @return completes when Kafka acknowledged the record (all in-sync replicas have it)
     */
    public CompletableFuture<Void> send(MessageSent message) {
        return publish(Topics.SEND_MESSAGE, message.conversationId(), message);
    }

    /**
     * Produces a receipt to {@code MESSAGE_RECEIPTS}.
     * @param receipt the receipt
     * @return completes on Kafka's acknowledgement
     */
    public CompletableFuture<Void> receipt(ReceiptEvent receipt) {
        return publish(Topics.MESSAGE_RECEIPTS, receipt.conversationId(), receipt);
    }

    /**
     * Produces a typing notice to {@code TYPING}.
     * @param typing the notice
     * @return completes on Kafka's acknowledgement
     */
    public CompletableFuture<Void> typing(UserTyping typing) {
        return publish(Topics.TYPING, typing.conversationId(), typing);
    }

    private CompletableFuture<Void> publish(String topic, ConversationId key, SwitchboardEvent event) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            this.feeder.execute(() -> {
                try {
                    this.kafka.send(topic, key.value(), event).whenComplete((result, failure) -> {
                        if (failure != null) {
                            acknowledged.completeExceptionally(failure);
                        }
                        else {
                            acknowledged.complete(null);
                        }
                    });
                }
                catch (RuntimeException ex) {
                    acknowledged.completeExceptionally(ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            acknowledged.completeExceptionally(ex);
        }
        return acknowledged;
    }

    @PreDestroy
    void drain() throws InterruptedException {
        this.feeder.shutdown();
        this.feeder.awaitTermination(10, TimeUnit.SECONDS);
    }

}
