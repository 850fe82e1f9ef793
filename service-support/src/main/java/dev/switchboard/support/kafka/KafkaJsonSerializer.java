package dev.switchboard.support.kafka;

import dev.switchboard.model.json.SwitchboardJson;

import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Writes record values as JSON in Switchboard's conventions, without type headers: every
 * event names its own {@code type}. Raw bytes pass through unchanged, so that a record
 * that could not be read reaches its dead-letter topic exactly as it arrived.
 */
public class KafkaJsonSerializer extends JacksonJsonSerializer<Object> {

    public KafkaJsonSerializer() {
        super(SwitchboardJson.newMapper());
        noTypeInfo();
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        return (data instanceof byte[] bytes) ? bytes : super.serialize(topic, data);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return (data instanceof byte[] bytes) ? bytes : super.serialize(topic, headers, data);
    }

}
