package dev.switchboard.history.web;

import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@HistoryIntegrationTest
class OperationsIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Traffic traffic;

    @Test
    void exportsStorageAndLagMetrics() {
        this.traffic.sendAndAwaitStored(Traffic.message(TestAuth.newUser(), TestAuth.newUser(), "metrics"));

        String metrics = get("/actuator/prometheus");

        assertThat(metrics).contains("switchboard_history_messages_persisted_total")
            .contains("switchboard_history_batch_size_count")
            .contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    @Test
    void describesItsApiInOpenApi() {
        assertThat(get("/api/history/v3/api-docs")).contains("/api/history/sync")
            .contains("/api/history/conversations/{conversation}/messages");
    }

    private String get(String path) {
        return this.client.get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody();
    }

}
