package dev.switchboard.support.kafka;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How listeners retry.
 *
 * @param initialInterval the first pause after a transient failure
 * @param maxInterval the longest pause between retries; transient failures are retried at
 * this pace for as long as they last
 */
@Validated
@ConfigurationProperties("switchboard.kafka.retry")
public record KafkaErrorHandlingProperties(@DefaultValue("200ms") @NotNull Duration initialInterval,
        @DefaultValue("5s") @NotNull Duration maxInterval) {

}
