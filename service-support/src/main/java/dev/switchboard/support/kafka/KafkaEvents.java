package dev.switchboard.support.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Reads events (or deliveries) out of records that the {@code ErrorHandlingDeserializer}
 * may have failed to read.
 */
public final class KafkaEvents {

    private static final LogAccessor logger = new LogAccessor(KafkaEvents.class);

    private KafkaEvents() {
    }

    /**
     * The record's value, if it is of the expected kind.
     * @param <V> the type of the records' values
     * @param <T> the kind
     * @param record the record
     * @param kind the kind the record's topic carries
     * @return the value
     * @throws PoisonRecordException if the record is not a readable value of that kind
     */
    public static <V, T extends V> T valueOf(ConsumerRecord<String, V> record, Class<T> kind) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logger);
        if (failure != null) {
            throw new PoisonRecordException("Not a valid " + kind.getSimpleName() + ": " + rootMessage(failure),
                    failure);
        }
        V value = record.value();
        if (!kind.isInstance(value)) {
            throw new PoisonRecordException("Expected " + kind.getSimpleName() + " but got "
                    + ((value != null) ? value.getClass().getSimpleName() : "an empty record"), null);
        }
        return kind.cast(value);
    }

    /**
     * Reads a poll batch and works on it in one go. A failure is pinned on the record it
     * belongs to, so that the error handler retries, and in the end dead-letters, that
     * record alone and carries on after it:
     * <ul>
     * <li>a record that {@code reader} rejects ends the batch: the records before it are
     * worked on, then a {@link BatchListenerFailedException} names it;</li>
     * <li>when {@code work} fails other than transiently for several records (a store
     * refuses one of them, and with it the whole batch), the records are worked on again
     * one at a time, and the first that fails alone is named;</li>
     * <li>a transient failure (see {@link TransientFailures}) is thrown as it is: the
     * whole batch is retried until it passes.</li>
     * </ul>
     * {@code work} must be idempotent, as every listener's work is: records before a
     * failure may be worked on more than once.
     * @param <V> the type of the records' values
     * @param <T> what the reader makes of a record
     * @param records the poll batch
     * @param reader reads one record, throwing {@link PoisonRecordException} if it cannot
     * @param work what to do with the records read, in order (never called with an empty
     * list)
     */
    public static <V, T> void process(List<ConsumerRecord<String, V>> records,
            Function<ConsumerRecord<String, V>, T> reader, Consumer<List<T>> work) {
        List<T> read = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                read.add(reader.apply(records.get(i)));
            }
            catch (PoisonRecordException ex) {
                work(read, work);
                throw new BatchListenerFailedException(ex.getMessage(), ex, i);
            }
        }
        work(read, work);
    }

    // The records read are records.get(0 .. read.size() - 1), in order: an index into
    // one is an index into the other.
    private static <T> void work(List<T> read, Consumer<List<T>> work) {
        if (read.isEmpty()) {
            return;
        }
        try {
            work.accept(read);
            return;
        }
        catch (RuntimeException ex) {
            if (TransientFailures.isTransient(ex)) {
                throw ex;
            }
            if (read.size() == 1) {
                throw new BatchListenerFailedException(failure(ex), ex, 0);
            }
            logger.debug(ex, () -> "A batch of " + read.size() + " records failed; working on them one at a time");
        }
        for (int i = 0; i < read.size(); i++) {
            try {
                work.accept(List.of(read.get(i)));
            }
            catch (RuntimeException ex) {
                if (TransientFailures.isTransient(ex)) {
                    throw ex;
                }
                throw new BatchListenerFailedException(failure(ex), ex, i);
            }
        }
    }

    private static String failure(RuntimeException ex) {
        return "Failed to process the record: " + rootMessage(ex);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

}
