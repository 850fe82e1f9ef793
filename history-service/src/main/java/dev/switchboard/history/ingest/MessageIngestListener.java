package dev.switchboard.history.ingest;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.switchboard.authclient.UserDirectory;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.support.kafka.KafkaEvents;
import dev.switchboard.support.kafka.PoisonRecordException;
import dev.switchboard.support.kafka.TransientFailureException;
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
 * valid message, or whose sender or recipient is not a registered user (no gateway
 * accepts such a message; a record written past the gateways could otherwise be read by
 * whoever registers with that id later), ends the batch: the valid records before it are
 * stored, and the error handler sends it to {@code SEND_MESSAGE.DLT} and carries on after
 * it. Who is registered comes from auth-service's user directory, which answers from
 * memory for every user seen lately; while it cannot answer, the batch waits.
 */
@Component
class MessageIngestListener {

    static final String ID = "history-messages";

    private static final Duration DIRECTORY_TIMEOUT = Duration.ofSeconds(10);

    private final MessageStore store;

    private final UserDirectory directory;

    private final Counter persisted;

    private final DistributionSummary batchSizes;

    MessageIngestListener(MessageStore store, UserDirectory directory, MeterRegistry meters) {
        this.store = store;
        this.directory = directory;
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
        Set<UserId> registered = registeredParticipants(records);
        KafkaEvents.process(records, (record) -> {
            MessageSent message = KafkaEvents.valueOf(record, MessageSent.class);
            for (UserId participant : List.of(message.senderId(), message.recipientId())) {
                if (!registered.contains(participant)) {
                    throw new PoisonRecordException(
                            "User " + participant + " of message " + message.messageId() + " is not a registered user",
                            null);
                }
            }
            return message;
        }, this::store);
    }

    private Set<UserId> registeredParticipants(List<ConsumerRecord<String, SwitchboardEvent>> records) {
        Set<UserId> participants = new HashSet<>();
        for (ConsumerRecord<String, SwitchboardEvent> record : records) {
            if (record.value() instanceof MessageSent message) {
                participants.add(message.senderId());
                participants.add(message.recipientId());
            }
        }
        try {
            return this.directory.registered(participants).get(DIRECTORY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("Interrupted while asking the user directory", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new TransientFailureException("The user directory did not answer", ex);
        }
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
