package dev.switchboard.gateway.delivery;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.model.Topics;
import dev.switchboard.support.kafka.SwitchboardTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a gateway node produces to or reads: the event topics its clients feed, its
 * own delivery topic, the revocations, and the dead-letter topics of those it reads.
 */
@Configuration(proxyBeanMethods = false)
class NodeTopics {

    @Bean
    KafkaAdmin.NewTopics gatewayTopics(SwitchboardTopics topics, GatewayProperties properties) {
        return new KafkaAdmin.NewTopics(topics.events(Topics.SEND_MESSAGE), topics.events(Topics.MESSAGE_RECEIPTS),
                topics.ephemeral(Topics.TYPING), topics.gatewayNode(properties.nodeId()),
                topics.deadLetter(Topics.gateway(properties.nodeId())), topics.broadcast(Topics.AUTH_REVOCATIONS),
                topics.deadLetter(Topics.AUTH_REVOCATIONS));
    }

}
