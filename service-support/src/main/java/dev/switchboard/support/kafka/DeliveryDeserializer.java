package dev.switchboard.support.kafka;

import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.json.SwitchboardJson;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Reads the {@link Delivery} envelopes of a gateway node's topic. Wrap it in an
 * {@code ErrorHandlingDeserializer}, as with {@link EventDeserializer}.
 */
public class DeliveryDeserializer extends JacksonJsonDeserializer<Delivery> {

    public DeliveryDeserializer() {
        super(Delivery.class, SwitchboardJson.newMapper(), false);
    }

}
