package dev.switchboard.support.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Switchboard's topics are created when a service declares them.
 *
 * @param partitions partitions of the keyed event topics ({@code SEND_MESSAGE}, receipts,
 * typing); consumer concurrency scales up to this number
 * @param replicationFactor replicas of every topic (3 in production, 1 on a single
 * broker)
 * @param minInSyncReplicas replicas that must have a record before {@code acks=all}
 * succeeds
 * @param eventRetention how long the event topics keep records; consumers that fall
 * further behind than this lose data, so keep it well above the longest outage you ride
 * out
 * @param deliveryRetention how long a gateway node's delivery topic keeps records; a node
 * that comes back later syncs its clients from history instead
 * @param deadLetterRetention how long dead-letter topics keep records for operators
 */
@Validated
@ConfigurationProperties("switchboard.kafka.topics")
public record KafkaTopicsProperties(@DefaultValue("6") @Min(1) @Max(1000) int partitions,
        @DefaultValue("1") @Min(1) @Max(7) short replicationFactor, @DefaultValue("1") @Min(1) int minInSyncReplicas,
        @DefaultValue("7d") @NotNull Duration eventRetention, @DefaultValue("1h") @NotNull Duration deliveryRetention,
        @DefaultValue("14d") @NotNull Duration deadLetterRetention) {

}
