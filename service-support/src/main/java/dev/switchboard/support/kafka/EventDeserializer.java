package dev.switchboard.support.kafka;

import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.json.SwitchboardJson;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Reads any {@link SwitchboardEvent} by its {@code type} property. Wrap it in an
 * {@code ErrorHandlingDeserializer}, so a record that is not a valid event reaches the
 * listener as a failure that can be dead-lettered instead of stopping the consumer.
 */
public class EventDeserializer extends JacksonJsonDeserializer<SwitchboardEvent> {

    public EventDeserializer() {
        super(SwitchboardEvent.class, SwitchboardJson.newMapper(), false);
    }

}
