package dev.switchboard.message.routing;

import dev.switchboard.model.Topics;
import dev.switchboard.support.kafka.SwitchboardTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics message-service reads, and their dead-letter topics. Declaring a topic that
 * exists changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    KafkaAdmin.NewTopics routingTopics(SwitchboardTopics topics) {
        return new KafkaAdmin.NewTopics(topics.events(Topics.SEND_MESSAGE), topics.events(Topics.RECEIPTS_STORED),
                topics.ephemeral(Topics.TYPING), topics.deadLetter(Topics.SEND_MESSAGE),
                topics.deadLetter(Topics.RECEIPTS_STORED), topics.deadLetter(Topics.TYPING));
    }

}
