package dev.switchboard.history;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The test's view of the outside world: Kafka traffic in, REST calls out.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HistoryTestConfiguration {

    @Bean
    Traffic traffic(KafkaTemplate<Object, Object> kafka, JdbcClient jdbc) {
        return new Traffic(kafka, jdbc);
    }

    @Bean
    HistoryApi historyApi(RestTestClient client) {
        return new HistoryApi(client);
    }

}
