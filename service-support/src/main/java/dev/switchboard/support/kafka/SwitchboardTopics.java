package dev.switchboard.support.kafka;

import java.time.Duration;

import dev.switchboard.model.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;

/**
 * Builds the {@link NewTopic} declarations of Switchboard's topics from configuration. A
 * service declares the topics it produces to and the dead-letter topics of those it
 * consumes; declaring a topic that exists changes nothing.
 */
public class SwitchboardTopics {

    private final KafkaTopicsProperties properties;

    /**
     * Creates the builder.
     * @param properties partitions, replication and retention
     */
    public SwitchboardTopics(KafkaTopicsProperties properties) {
        this.properties = properties;
    }

    /**
     * A keyed event topic, such as {@link Topics#SEND_MESSAGE}.
     * @param name the topic
     * @return the declaration
     */
    public NewTopic events(String name) {
        return topic(name, this.properties.partitions(), this.properties.eventRetention());
    }

    /**
     * A keyed topic of ephemeral events, such as {@link Topics#TYPING}: as many
     * partitions as the event topics, records kept briefly.
     * @param name the topic
     * @return the declaration
     */
    public NewTopic ephemeral(String name) {
        return topic(name, this.properties.partitions(), this.properties.deliveryRetention());
    }

    /**
     * The dead-letter topic of a topic, with as many partitions, so a record keeps its
     * partition number.
     * @param source the source topic
     * @return the declaration
     */
    public NewTopic deadLetter(String source) {
        return topic(Topics.deadLetter(source), this.properties.partitions(), this.properties.deadLetterRetention());
    }

    /**
     * A gateway node's delivery topic: one partition keeps one node's deliveries in order
     * and costs the broker least; records live briefly.
     * @param nodeId the node
     * @return the declaration
     */
    public NewTopic gatewayNode(String nodeId) {
        return topic(Topics.gateway(nodeId), 1, this.properties.deliveryRetention());
    }

    /**
     * A topic read in full by every gateway node, such as
     * {@link Topics#AUTH_REVOCATIONS}.
     * @param name the topic
     * @return the declaration
     */
    public NewTopic broadcast(String name) {
        return topic(name, 1, this.properties.deliveryRetention());
    }

    private NewTopic topic(String name, int partitions, Duration retention) {
        return TopicBuilder.name(name)
            .partitions(partitions)
            .replicas(this.properties.replicationFactor())
            .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
            .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(this.properties.minInSyncReplicas()))
            .build();
    }

}
