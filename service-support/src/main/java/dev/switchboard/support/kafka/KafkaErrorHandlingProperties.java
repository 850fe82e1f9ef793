package dev.switchboard.support.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Min;
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
 * @param maxRetries how many more times a record is tried when it fails other than
 * transiently (a store refuses it, a bug) before it goes to its dead-letter topic and its
 * partition moves on
 */
@Validated
@ConfigurationProperties("switchboard.kafka.retry")
public record KafkaErrorHandlingProperties(@DefaultValue("200ms") @NotNull Duration initialInterval,
        @DefaultValue("5s") @NotNull Duration maxInterval, @DefaultValue("3") @Min(0) int maxRetries) {

}
