package dev.switchboard.support.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
import org.springframework.kafka.listener.ErrorHandlingUtils;
import org.springframework.kafka.listener.ExceptionClassifier;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExceptionMatcher;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handler of every Switchboard listener. Failures fall in three kinds:
 * <ul>
 * <li>transient (a database, Redis or the broker is unavailable): the records are retried
 * with a growing pause, for as long as the failure lasts, and nothing is skipped;</li>
 * <li>poison (a record that cannot be read or breaks the contract): the record goes to
 * {@code <topic>.DLT} at once, and its partition moves on;</li>
 * <li>anything else (a store refuses the record, a bug): the record is tried
 * {@code max-retries} more times with the same pause, then goes to {@code <topic>.DLT},
 * and its partition moves on. A record that fails the same way again and again never
 * stalls its partition.</li>
 * </ul>
 * Batch listeners read their poll batches through {@link KafkaEvents#process
 * KafkaEvents.process}, which names the record a failure belongs to (a
 * {@code BatchListenerFailedException}), so only that record is retried and
 * dead-lettered; what a listener throws otherwise is classified and paced the same way,
 * for the whole batch. Listeners pass what their stores throw through
 * {@link TransientFailures#classify(RuntimeException)}: a batch is retried by re-running
 * the listener, and a retry that fails with an exception of a different type would
 * otherwise be classified anew.
 */
public final class DeadLetters {

    private static final Logger logger = LoggerFactory.getLogger(DeadLetters.class);

    private static final int RETRY_LOG_EVERY = 20;

    // Never retried: the record itself is unreadable or breaks the contract. Everything
    // else is retried, without end while it is transient, max-retries times otherwise.
    private static final Map<Class<? extends Throwable>, Boolean> CLASSIFICATIONS = classifications();

    private static final ExceptionMatcher RETRYABLE = retryable();

    private DeadLetters() {
    }

    private static Map<Class<? extends Throwable>, Boolean> classifications() {
        Map<Class<? extends Throwable>, Boolean> classifications = new HashMap<>();
        ExceptionClassifier.defaultFatalExceptionsList().forEach((type) -> classifications.put(type, false));
        classifications.put(PoisonRecordException.class, false);
        return Map.copyOf(classifications);
    }

    private static ExceptionMatcher retryable() {
        ExceptionMatcher matcher = new ExceptionMatcher(CLASSIFICATIONS.keySet(), false);
        matcher.setTraverseCauses(true);
        return matcher;
    }

    private static BackOff backOff(KafkaErrorHandlingProperties properties, int maxRetries) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.maxInterval().toMillis());
        if (maxRetries < Integer.MAX_VALUE) {
            backOff.setMaxAttempts(maxRetries);
        }
        return backOff;
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
     * Counts a failed attempt that will be retried (or dead-lettered, once a failure that
     * is not transient used up its retries) and logs it at WARN: a transient failure the
     * first time and then every {@value #RETRY_LOG_EVERY}th, so that an outage shows in
     * the log without flooding it; any other failure every time (there are only
     * {@code max-retries} of them).
     */
    private static void retrying(String what, Collection<String> topics, Exception ex, int attempt,
            MeterRegistry meters) {
        if (!RETRYABLE.match(ErrorHandlingUtils.unwrapIfNeeded(ex))) {
            return;
        }
        boolean transientFailure = TransientFailures.isTransient(ex);
        for (String topic : topics) {
            Counter.builder("switchboard.kafka.retries")
                .description("Failed attempts to process records that are retried (or dead-lettered once their "
                        + "retries are used up)")
                .tag("topic", topic)
                .tag("kind", transientFailure ? "transient" : "failure")
                .register(meters)
                .increment();
        }
        if (!transientFailure) {
            logger.warn("Failed to process {} (attempt {}); it goes to its dead-letter topic if it keeps failing: {}",
                    what, attempt, rootCause(ex).toString());
        }
        else if (attempt == 1 || attempt % RETRY_LOG_EVERY == 0) {
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
     * @param properties the retry pacing and how often a failing record is retried
     * @param meters where the counts of retries and dead letters go
     * @return the handler
     */
    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template,
            KafkaErrorHandlingProperties properties, MeterRegistry meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties, Integer.MAX_VALUE));
        // Set as a whole (not added to), so that the batch fallback path classifies
        // exactly as the record path does.
        handler.setClassifications(CLASSIFICATIONS, true);
        BackOff limited = backOff(properties, properties.maxRetries());
        handler.setBackOffFunction((record, ex) -> TransientFailures.isTransient(ex) ? null : limited);
        // What matters is logged here (retries, dead letters); the handler's own
        // "Seek to current after exception", thrown after every dead letter that has
        // records behind it in its batch, is routine.
        handler.setLogLevel(KafkaException.Level.DEBUG);
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
