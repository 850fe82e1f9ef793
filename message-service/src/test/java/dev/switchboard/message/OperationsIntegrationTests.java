package dev.switchboard.message;

import java.time.Duration;

import dev.switchboard.message.GatewayNodes.Node;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MessageIntegrationTest
@AutoConfigureRestTestClient
class OperationsIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void reportsHealthAndExportsRoutingMetrics() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node node = new GatewayNodes(this.redis).start()) {
            node.connect(bob);
            MessageSent message = Traffic.message(alice, bob, "metrics");
            double routedBefore = routed();
            long timedBefore = this.meters.get("switchboard.message.routing.latency").timer().count();
            new Traffic(this.kafka).send(message);
            await().atMost(Duration.ofSeconds(20)).until(() -> !node.delivered(Duration.ofMillis(200)).isEmpty());
            // The router counts a batch just after its deliveries are acknowledged, so
            // possibly after the node has read them.
            await().atMost(Duration.ofSeconds(5)).until(() -> routed() > routedBefore);
            assertThat(this.meters.get("switchboard.message.routing.latency").timer().count())
                .isGreaterThan(timedBefore);
            assertThat(this.meters.get("switchboard.message.deliveries").tag("node", node.id()).counter().count())
                .isPositive();

            String metrics = get("/actuator/prometheus");

            assertThat(metrics).contains("switchboard_message_routed_total")
                .contains("switchboard_message_deliveries_total{application=\"message-service\",node=\"" + node.id()
                        + "\"}")
                .contains("switchboard_message_routing_latency_seconds_count")
                .contains("switchboard_message_offline_recipients_total");
            assertThat(get("/actuator/health/readiness")).contains("UP");
            assertThat(get("/actuator/health/liveness")).contains("UP");
        }
    }

    private double routed() {
        return this.meters.get("switchboard.message.routed").counter().count();
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
