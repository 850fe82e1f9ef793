package dev.switchboard.history.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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
import org.springframework.stereotype.Component;

/**
 * Applies every poll batch of {@code MESSAGE_RECEIPTS}. A receipt can overtake its
 * message (the two topics are read independently): when a receipt names a message that is
 * not stored, the batch first waits until everything {@code SEND_MESSAGE} held is stored.
 * A message still unknown after that was never accepted (or was dead-lettered), and its
 * receipt is ignored; if the wait times out, the batch is retried later.
 */
@Component
class ReceiptIngestListener {

    static final String ID = "history-receipts";

    private final ReceiptStore store;

    private final PersistenceFence fence;

    private final HistoryProperties properties;

    private final Counter applied;

    ReceiptIngestListener(ReceiptStore store, PersistenceFence fence, HistoryProperties properties,
            MeterRegistry meters) {
        this.store = store;
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
            this.applied.increment(this.store.apply(receipts));
        }
        catch (CatchingUpException ex) {
            throw new TransientFailureException("Receipts name messages that are not stored yet", ex);
        }
        catch (RuntimeException ex) {
            throw TransientFailures.classify(ex);
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
