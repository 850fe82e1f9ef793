package dev.switchboard.support.kafka;

import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.json.SwitchboardJson;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Reads the {@link DeliveryBatch} records of a gateway node's topic. Wrap it in an
 * {@code ErrorHandlingDeserializer}, as with {@link EventDeserializer}.
 */
public class DeliveryDeserializer extends JacksonJsonDeserializer<DeliveryBatch> {

    public DeliveryDeserializer() {
        super(DeliveryBatch.class, SwitchboardJson.newMapper(), false);
    }

}
