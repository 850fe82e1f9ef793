package dev.switchboard.message;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of message-service.
 *
 * @param ackTimeout how long a batch waits for Kafka to acknowledge the deliveries it
 * produced; past it, the batch counts as failed and is routed again. A backstop: the
 * producer's {@code delivery.timeout.ms} (20 s by default) already ends every send
 * sooner, unless it is raised above this
 */
@Validated
@ConfigurationProperties("switchboard.message")
public record MessageProperties(@DefaultValue("30s") @NotNull Duration ackTimeout) {

}
