package dev.switchboard.support.kafka;

import dev.switchboard.model.event.SwitchboardEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Reads the event out of a record that the {@code ErrorHandlingDeserializer} may have
 * failed to read.
 */
public final class KafkaEvents {

    private static final LogAccessor logger = new LogAccessor(KafkaEvents.class);

    private KafkaEvents() {
    }

    /**
     * The record's event, if it is of the expected kind.
     * @param <T> the kind
     * @param record the record
     * @param kind the kind the record's topic carries
     * @return the event
     * @throws PoisonRecordException if the record is not a readable event of that kind
     */
    public static <T extends SwitchboardEvent> T eventOf(ConsumerRecord<String, SwitchboardEvent> record,
            Class<T> kind) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logger);
        if (failure != null) {
            throw new PoisonRecordException("Not a valid event: " + rootMessage(failure), failure);
        }
        SwitchboardEvent event = record.value();
        if (!kind.isInstance(event)) {
            throw new PoisonRecordException("Expected " + kind.getSimpleName() + " but got "
                    + ((event != null) ? event.getClass().getSimpleName() : "an empty record"), null);
        }
        return kind.cast(event);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

}
