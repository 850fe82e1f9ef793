package dev.switchboard.support.kafka;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

/**
 * Gives every Kafka-using service the shared error handler (which Spring Boot puts on its
 * listener containers) and the topic declarations builder.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties({ KafkaTopicsProperties.class, KafkaErrorHandlingProperties.class })
public class SwitchboardKafkaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler switchboardKafkaErrorHandler(KafkaTemplate<?, ?> template,
            KafkaErrorHandlingProperties properties, ObjectProvider<MeterRegistry> meters) {
        return DeadLetters.errorHandler(template, properties,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    SwitchboardTopics switchboardTopics(KafkaTopicsProperties properties) {
        return new SwitchboardTopics(properties);
    }

}
