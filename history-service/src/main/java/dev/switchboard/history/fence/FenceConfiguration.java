package dev.switchboard.history.fence;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The fence, over the consumer group that stores messages.
 */
@Configuration(proxyBeanMethods = false)
class FenceConfiguration {

    @Bean(destroyMethod = "close")
    Admin fenceAdmin(KafkaAdmin kafkaAdmin) {
        return Admin.create(kafkaAdmin.getConfigurationProperties());
    }

    @Bean(destroyMethod = "close")
    PersistenceFence persistenceFence(Admin fenceAdmin, KafkaProperties kafka, MeterRegistry meters) {
        return new PersistenceFence(fenceAdmin, kafka.getConsumer().getGroupId(), meters);
    }

}
