package dev.switchboard.model.json;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Jackson's handling of {@link Instant} through {@link InstantCodec}: the same text, a
 * fraction of the cost. What the fast reader does not take (an offset, a number) goes to
 * Jackson's own deserializer.
 */
final class InstantJson {

    private InstantJson() {
    }

    static SimpleModule module() {
        return new SimpleModule("switchboard-instants").addSerializer(Instant.class, new Writer())
            .addDeserializer(Instant.class, new Reader());
    }

    private static final class Writer extends ValueSerializer<Instant> {

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(InstantCodec.format(value));
        }

        @Override
        public Class<?> handledType() {
            return Instant.class;
        }

    }

    private static final class Reader extends ValueDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = InstantCodec.parse(parser.getString());
                if (instant != null) {
                    return instant;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }

        @Override
        public Class<?> handledType() {
            return Instant.class;
        }

    }

}
