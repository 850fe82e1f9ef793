package dev.switchboard.history.web;

import java.time.Duration;

import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.test.TestAuth;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@HistoryIntegrationTest
class OperationsIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    Traffic traffic;

    @Autowired
    MeterRegistry meters;

    @Test
    void exportsStorageAndLagMetrics() {
        // The meters exist from the start: only their growth shows that they count.
        double persistedBefore = persisted();
        long batchesBefore = this.meters.get("switchboard.history.batch.size").summary().count();

        this.traffic.sendAndAwaitStored(Traffic.message(TestAuth.newUser(), TestAuth.newUser(), "metrics"));

        // The counter moves after the transaction commits, a moment after the row shows.
        await().atMost(Duration.ofSeconds(10)).until(() -> persisted() >= persistedBefore + 1);
        assertThat(this.meters.get("switchboard.history.batch.size").summary().count()).isGreaterThan(batchesBefore);

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

    private double persisted() {
        return this.meters.get("switchboard.history.messages.persisted").counter().count();
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
