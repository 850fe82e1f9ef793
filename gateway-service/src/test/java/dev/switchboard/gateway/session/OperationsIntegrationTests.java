package dev.switchboard.gateway.session;

import java.util.Map;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.model.frame.ClientFrame;
import dev.switchboard.model.frame.ErrorCode;
import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class OperationsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient client;

    @Autowired
    MeterRegistry meters;

    @Test
    void reportsReadinessOnceItsDeliveryTopicIsAssigned() {
        org.awaitility.Awaitility.await()
            .atMost(Clients.WAIT)
            .untilAsserted(() -> this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
        this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void servesItsAsyncApiDocumentWithEveryFrameType() {
        String document = this.client.get()
            .uri("/asyncapi.yaml")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

        assertThat(document).startsWith("asyncapi: 3.0.0");
        for (Class<?> frame : ClientFrame.class.getPermittedSubclasses()) {
            assertThat(document).contains("const: " + typeName(frame));
        }
        for (Class<?> frame : ServerFrame.class.getPermittedSubclasses()) {
            assertThat(document).contains("const: " + typeName(frame));
        }
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(document).contains(code.code());
        }
    }

    private static String typeName(Class<?> frame) {
        return frame.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class).value();
    }

    @Test
    void exportsSessionFrameAndLatencyMetrics() {
        double handshakesBefore = count("switchboard.gateway.handshakes", "outcome", "accepted");
        double readyBefore = count("switchboard.gateway.frames.out", "type", "ready");
        double sendsBefore = count("switchboard.gateway.frames.in", "type", "send");
        double acceptedBefore = count("switchboard.gateway.frames.out", "type", "accepted");
        long latenciesBefore = this.meters.get("switchboard.gateway.send.latency").timer().count();
        UserId alice = TestAuth.newUser();
        try (Connected connected = new Clients(this.port).connect(alice)) {
            connected.socket()
                .sendJson(Map.of("type", "send", "clientMessageId", "m-1", "to", TestAuth.newUser().value(), "body",
                        "metrics"));
            connected.socket().nextOfType("accepted", Clients.WAIT);

            // Other tests share the node, so each count grows by at least what this test
            // caused; a frame is counted after it is queued, so the count may trail it.
            await().atMost(Clients.WAIT).untilAsserted(() -> {
                assertThat(count("switchboard.gateway.handshakes", "outcome", "accepted"))
                    .isGreaterThanOrEqualTo(handshakesBefore + 1);
                assertThat(count("switchboard.gateway.frames.out", "type", "ready"))
                    .isGreaterThanOrEqualTo(readyBefore + 1);
                assertThat(count("switchboard.gateway.frames.in", "type", "send"))
                    .isGreaterThanOrEqualTo(sendsBefore + 1);
                assertThat(count("switchboard.gateway.frames.out", "type", "accepted"))
                    .isGreaterThanOrEqualTo(acceptedBefore + 1);
                assertThat(this.meters.get("switchboard.gateway.send.latency").timer().count())
                    .isGreaterThanOrEqualTo(latenciesBefore + 1);
            });
            assertThat(this.meters.get("switchboard.gateway.sessions.open").gauge().value()).isGreaterThanOrEqualTo(1);

            String metrics = this.client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

            assertThat(metrics).contains("switchboard_gateway_sessions_open")
                .contains("switchboard_gateway_handshakes_total{application=\"gateway-service\",outcome=\"accepted\"}")
                .contains("switchboard_gateway_frames_in_total{application=\"gateway-service\",type=\"send\"}")
                .contains("switchboard_gateway_frames_out_total{application=\"gateway-service\",type=\"accepted\"}")
                .contains("switchboard_gateway_send_latency_seconds_count")
                .contains("switchboard_gateway_deliveries_total")
                .contains("switchboard_gateway_slow_consumers_closed_total");
        }
    }

    private double count(String name, String tag, String value) {
        return this.meters.get(name).tag(tag, value).counter().count();
    }

}
