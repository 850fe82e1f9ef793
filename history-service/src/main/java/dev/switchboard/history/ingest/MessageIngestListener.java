package dev.switchboard.history.ingest;

import java.util.List;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.support.kafka.KafkaEvents;
import dev.switchboard.support.kafka.TransientFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores every poll batch of {@code SEND_MESSAGE} in one transaction; the container
 * commits the batch's offsets only after this method returns. A record that is not a
 * valid message ends the batch: the valid records before it are stored, and the error
 * handler sends it to {@code SEND_MESSAGE.DLT} and carries on after it.
 */
@Component
class MessageIngestListener {

    static final String ID = "history-messages";

    private final MessageStore store;

    private final Counter persisted;

    private final DistributionSummary batchSizes;

    MessageIngestListener(MessageStore store, MeterRegistry meters) {
        this.store = store;
        this.persisted = Counter.builder("switchboard.history.messages.persisted")
            .description("Messages stored for the first time")
            .register(meters);
        this.batchSizes = DistributionSummary.builder("switchboard.history.batch.size")
            .description("Records per stored batch")
            .tag("topic", Topics.SEND_MESSAGE)
            .register(meters);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.SEND_MESSAGE)
    void onMessages(List<ConsumerRecord<String, SwitchboardEvent>> records) {
        KafkaEvents.process(records, (record) -> KafkaEvents.valueOf(record, MessageSent.class), this::store);
    }

    private void store(List<MessageSent> messages) {
        this.batchSizes.record(messages.size());
        try {
            this.persisted.increment(this.store.store(messages));
        }
        catch (RuntimeException ex) {
            throw TransientFailures.classify(ex);
        }
    }

}
