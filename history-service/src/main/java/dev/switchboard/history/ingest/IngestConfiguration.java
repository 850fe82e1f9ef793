package dev.switchboard.history.ingest;

import dev.switchboard.model.Topics;
import dev.switchboard.support.kafka.SwitchboardTopics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics history-service reads, their dead-letter topics, and the topic of the
 * receipts it stored. Declaring a topic that exists changes nothing; declaring them here
 * lets history-service start before the gateway.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    KafkaAdmin.NewTopics historyTopics(SwitchboardTopics topics) {
        return new KafkaAdmin.NewTopics(topics.events(Topics.SEND_MESSAGE), topics.events(Topics.MESSAGE_RECEIPTS),
                topics.events(Topics.RECEIPTS_STORED), topics.deadLetter(Topics.SEND_MESSAGE),
                topics.deadLetter(Topics.MESSAGE_RECEIPTS));
    }

}
