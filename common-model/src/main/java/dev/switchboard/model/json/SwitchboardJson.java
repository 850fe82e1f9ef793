package dev.switchboard.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON conventions of Switchboard, in one place:
 * <ul>
 * <li>timestamps are ISO-8601 instants in UTC ({@code 2026-11-21T10:15:30.123Z}), written
 * and read by {@link InstantCodec};</li>
 * <li>absent values are left out rather than written as {@code null};</li>
 * <li>readers are tolerant: a property they do not know is ignored, so that a newer
 * producer never breaks an older consumer;</li>
 * <li>events and frames carry their kind in a {@code type} property.</li>
 * </ul>
 * Spring services apply the same settings to their auto-configured mapper through
 * {@link #configure(JsonMapper.Builder)}.
 */
public final class SwitchboardJson {

    private SwitchboardJson() {
    }

    /**
     * A new mapper with Switchboard's conventions. Mappers are immutable and thread-safe:
     * create one and share it.
     * @return the mapper
     */
    public static JsonMapper newMapper() {
        return configure(JsonMapper.builder()).build();
    }

    /**
     * Applies Switchboard's conventions to a mapper builder.
     * @param builder the builder
     * @return the same builder
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.addModule(InstantJson.module())
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL)
                .withContentInclusion(JsonInclude.Include.NON_NULL));
    }

}
