package dev.switchboard.gateway.session;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayServiceApplication;
import dev.switchboard.gateway.StubBackend;
import dev.switchboard.test.FreePorts;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose producer cannot reach Kafka: a send is never answered {@code accepted}
 * (that needs Kafka's acknowledgement), but with an error that carries the client message
 * id, so the client keeps the message and resends it.
 */
class KafkaUnavailableIntegrationTests {

    @Test
    void answersSendFailedInsteadOfAccepted() {
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(GatewayServiceApplication.class)
            .initializers(new TestRedis.Initializer(), new TestKafka.Initializer(), new TestAuth.Initializer(),
                    new StubBackend.Initializer())
            .profiles("test")
            .run("--server.port=0", "--switchboard.gateway.node-id=gw-no-producer",
                    "--spring.kafka.producer.bootstrap-servers=localhost:" + FreePorts.next(),
                    "--spring.kafka.producer.properties.max.block.ms=1000")) {
            Clients clients = new Clients(((WebServerApplicationContext) node).getWebServer().getPort());
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                clients.connect(TestAuth.newUser()).close();
                return true;
            });
            try (Connected client = clients.connect(TestAuth.newUser())) {
                client.socket()
                    .sendJson(Map.of("type", "send", "clientMessageId", "keep-me", "to", TestAuth.newUser().value(),
                            "body", "are you there?"));

                JsonNode answer = client.socket()
                    .nextMatching((frame) -> !"ready".equals(frame.path("type").asString()), Duration.ofSeconds(20));

                assertThat(answer.get("type").asString()).isEqualTo("error");
                assertThat(answer.get("code").asString()).isEqualTo("send_failed");
                assertThat(answer.get("clientMessageId").asString()).isEqualTo("keep-me");
            }
        }
    }

}
