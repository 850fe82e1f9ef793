package dev.switchboard.support.kafka;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.model.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handler of every Switchboard listener. Failures fall in two kinds:
 * <ul>
 * <li>transient (a database, Redis or the broker is unavailable): the records are retried
 * with a growing pause, for as long as the failure lasts, and nothing is skipped;</li>
 * <li>everything else (a record that cannot be read or breaks the contract): the record
 * goes to {@code <topic>.DLT} at once, and its partition moves on.</li>
 * </ul>
 * A batch listener reports a poison record by throwing a
 * {@code BatchListenerFailedException} that names it, after it has processed the records
 * before it. It passes what its stores throw through
 * {@link TransientFailures#classify(RuntimeException)}: a batch is retried by re-running
 * the listener, and a retry that fails with an exception of a different, unlisted type
 * would otherwise end the retries and dead-letter the batch.
 */
public final class DeadLetters {

    private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

    private static final int RETRY_LOG_EVERY = 20;

    private DeadLetters() {
    }

    private static void deadLettered(ConsumerRecord<?, ?> record, Exception ex, MeterRegistry meters) {
        logger.error("Sent {}-{}@{} to its dead-letter topic: {}", record.topic(), record.partition(), record.offset(),
                rootCause(ex).toString(), ex);
        Counter.builder("switchboard.kafka.dead.letters")
            .description("Records sent to their dead-letter topic")
            .tag("topic", record.topic())
            .register(meters)
            .increment();
    }

    /**
     * Counts a failed attempt that will be retried, and logs the first one and then every
     * {@value #RETRY_LOG_EVERY}th, so that an outage shows in the log without flooding
     * it.
     */
    private static void retrying(String what, Collection<String> topics, Exception ex, int attempt,
            MeterRegistry meters) {
        if (!TransientFailures.isTransient(ex)) {
            return;
        }
        for (String topic : topics) {
            Counter.builder("switchboard.kafka.retries")
                .description("Failed attempts to process records, retried after a transient failure")
                .tag("topic", topic)
                .register(meters)
                .increment();
        }
        if (attempt == 1 || attempt % RETRY_LOG_EVERY == 0) {
            logger.warn("Failed to process {} (attempt {}), retrying until it passes: {}", what, attempt,
                    rootCause(ex).toString());
        }
    }

    private static Throwable rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * Builds the error handler.
     * @param template the template that publishes dead letters (its value serializer must
     * pass raw bytes through, as {@link KafkaJsonSerializer} does)
     * @param properties the retry pacing
     * @param meters where the counts of retries and dead letters go
     * @return the handler
     */
    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template,
            KafkaErrorHandlingProperties properties, MeterRegistry meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxInterval().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.defaultFalse(true);
        // What matters is logged here (retries, dead letters); the handler's own
        // "Seek to current after exception", thrown after every dead letter that has
        // records
        // behind it in its batch, is routine.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        TransientFailures.TYPES.forEach(handler::addRetryableExceptions);
        handler.setRetryListeners(new RetryListener() {

            @Override
            public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
                retrying(record.topic() + "-" + record.partition() + "@" + record.offset(), Set.of(record.topic()), ex,
                        deliveryAttempt, meters);
            }

            @Override
            public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
                Set<String> topics = new TreeSet<>();
                records.partitions().forEach((partition) -> topics.add(partition.topic()));
                retrying("a batch of " + records.count() + " records", topics, ex, deliveryAttempt, meters);
            }

            @Override
            public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
                deadLettered(record, ex, meters);
            }

            @Override
            public void recovered(ConsumerRecords<?, ?> records, Exception ex) {
                records.forEach((record) -> deadLettered(record, ex, meters));
            }

        });
        return handler;
    }

}
