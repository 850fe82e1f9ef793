package dev.switchboard.support.json;

import dev.switchboard.model.json.SwitchboardJson;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Makes Spring Boot's JSON mapper (REST bodies, actuator, WebSocket frames where a
 * service uses it) follow {@link SwitchboardJson}'s conventions.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
public class SwitchboardJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer switchboardJsonConventions() {
        return SwitchboardJson::configure;
    }

}
