package dev.switchboard.gateway.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayServiceApplication;
import dev.switchboard.gateway.StubBackend;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;
import dev.switchboard.test.TestWebSocket;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node of its own whose delivery consumer is fenced: a second consumer joins its group
 * under the same static member id, as a second node started with the same node id would.
 * The node must leave readiness, say why, and let its clients go (1012), since nothing is
 * delivered to them any more.
 */
class FencedNodeIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aFencedDeliveryConsumerTakesTheNodeOutOfReadinessAndClosesItsSessions() throws Exception {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(GatewayServiceApplication.class)
            .initializers(new TestRedis.Initializer(), new TestKafka.Initializer(), new TestAuth.Initializer(),
                    new StubBackend.Initializer())
            .profiles("test")
            .run("--server.port=0", "--switchboard.gateway.node-id=gw-fenced",
                    // As the chart runs it: details on the (cluster-only) management
                    // port.
                    "--management.endpoint.health.show-details=always")) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            Clients clients = new Clients(port);
            await().atMost(Duration.ofSeconds(20)).until(() -> readiness(port).statusCode() == 200);
            Connected session = clients.connect(TestAuth.newUser());

            try (KafkaConsumer<String, String> impostor = new KafkaConsumer<>(
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                            ConsumerConfig.GROUP_ID_CONFIG, "gateway-gw-fenced",
                            // The listener container's consumer is its child number 0.
                            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "gateway-gw-fenced-0",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                    new StringDeserializer(), new StringDeserializer())) {
                impostor.subscribe(List.of("gateway.gw-fenced"));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    impostor.poll(Duration.ofMillis(200));
                    return !impostor.assignment().isEmpty();
                });

                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    HttpResponse<String> readiness = readiness(port);
                    assertThat(readiness.statusCode()).isEqualTo(503);
                    assertThat(readiness.body()).contains("fenced");
                });
                TestWebSocket.Closed closed = session.socket().awaitClose(Duration.ofSeconds(10));
                assertThat(closed.code()).isEqualTo(1012);
                assertThat(clients.handshakeStatus("",
                        Map.of("Authorization", "Bearer " + TestAuth.tokenFor(TestAuth.newUser()))))
                    .isEqualTo(503);
            }
        }
    }

    private static HttpResponse<String> readiness(int port) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
