package dev.switchboard.history.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.switchboard.history.HistoryProperties;
import dev.switchboard.history.fence.CatchingUpException;
import dev.switchboard.history.fence.PersistenceFence;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.ReceiptEvent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.support.kafka.KafkaEvents;
import dev.switchboard.support.kafka.TransientFailureException;
import dev.switchboard.support.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies every poll batch of {@code MESSAGE_RECEIPTS}, and puts what it changed on
 * {@code RECEIPTS_STORED}, from which message-service tells the senders: a receipt for
 * messages that are not the receipt's issuer's to acknowledge, or that were acknowledged
 * already, changes nothing and reaches nobody. The stored receipts are produced, and
 * acknowledged by Kafka, before the transaction commits: if the commit fails, the batch
 * is applied and produced again (a receipt told twice is the same receipt), and if
 * producing fails, nothing was stored and the batch is retried.
 *
 * <p>
 * A receipt can overtake its message (the two topics are read independently): when a
 * receipt names a message that is not stored, the batch first waits until everything
 * {@code SEND_MESSAGE} held is stored. A message still unknown after that was never
 * accepted (or was dead-lettered), and its receipt is ignored; if the wait times out, the
 * batch is retried later.
 */
@Component
class ReceiptIngestListener {

    static final String ID = "history-receipts";

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

    private final ReceiptStore store;

    private final PersistenceFence fence;

    private final HistoryProperties properties;

    private final Counter applied;

    private final KafkaTemplate<Object, Object> kafka;

    private final TransactionTemplate transaction;

    ReceiptIngestListener(ReceiptStore store, PersistenceFence fence, HistoryProperties properties,
            KafkaTemplate<Object, Object> kafka, PlatformTransactionManager transactions, MeterRegistry meters) {
        this.store = store;
        this.kafka = kafka;
        this.transaction = new TransactionTemplate(transactions);
        this.fence = fence;
        this.properties = properties;
        this.applied = Counter.builder("switchboard.history.receipts.applied")
            .description("Messages whose delivered or read time a receipt set")
            .register(meters);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.MESSAGE_RECEIPTS)
    void onReceipts(List<ConsumerRecord<String, SwitchboardEvent>> records) {
        KafkaEvents.process(records, (record) -> KafkaEvents.valueOf(record, ReceiptEvent.class), this::apply);
    }

    private void apply(List<ReceiptEvent> receipts) {
        try {
            if (!this.store.missing(referencedMessages(receipts)).isEmpty()) {
                this.fence.await(List.of(Topics.SEND_MESSAGE), this.properties.receiptFenceTimeout());
            }
            int changed = this.transaction.execute((status) -> {
                ReceiptStore.Applied applied = this.store.apply(receipts);
                publish(applied.receipts());
                return applied.messages();
            });
            this.applied.increment(changed);
        }
        catch (CatchingUpException ex) {
            throw new TransientFailureException("Receipts name messages that are not stored yet", ex);
        }
        catch (RuntimeException ex) {
            throw TransientFailures.classify(ex);
        }
    }

    private void publish(List<ReceiptEvent> stored) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>(stored.size());
        for (ReceiptEvent receipt : stored) {
            acknowledgements.add(this.kafka.send(Topics.RECEIPTS_STORED, receipt.conversationId().value(), receipt));
        }
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("Interrupted while producing stored receipts", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new TransientFailureException("Stored receipts were not acknowledged by Kafka", ex);
        }
    }

    private static Set<UUID> referencedMessages(List<ReceiptEvent> receipts) {
        Set<UUID> ids = new HashSet<>();
        for (ReceiptEvent receipt : receipts) {
            if (receipt instanceof MessagesDelivered delivered) {
                delivered.messageIds().stream().map(MessageId::value).forEach(ids::add);
            }
            else if (receipt instanceof MessagesRead read) {
                ids.add(read.upToMessageId().value());
            }
        }
        return ids;
    }

}
