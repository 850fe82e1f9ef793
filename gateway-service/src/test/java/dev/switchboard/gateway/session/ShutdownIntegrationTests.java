package dev.switchboard.gateway.session;

import java.time.Duration;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayServiceApplication;
import dev.switchboard.gateway.StubBackend;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;
import dev.switchboard.test.TestWebSocket;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node of its own, shut down while clients are connected: they are told to reconnect
 * elsewhere (1012) and the node leaves the presence registry.
 */
class ShutdownIntegrationTests {

    @Test
    void closesEverySessionWithServiceRestartAndLeavesPresence() {
        ConfigurableApplicationContext node = new SpringApplicationBuilder(GatewayServiceApplication.class)
            .initializers(new TestRedis.Initializer(), new TestKafka.Initializer(), new TestAuth.Initializer(),
                    new StubBackend.Initializer())
            .profiles("test")
            .run("--server.port=0", "--switchboard.gateway.node-id=gw-shutdown");
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        Clients clients = new Clients(((WebServerApplicationContext) node).getWebServer().getPort());
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            clients.connect(TestAuth.newUser()).close();
            return true;
        });
        Connected first = clients.connect(alice);
        Connected second = clients.connect(bob);

        node.close();

        for (Connected client : new Connected[] { first, second }) {
            TestWebSocket.Closed closed = client.socket().awaitClose(Duration.ofSeconds(10));
            assertThat(closed.code()).isEqualTo(1012);
        }
        try (RedisClient client = RedisClient.create(TestRedis.url().toString());
                StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().hlen(PresenceKeys.sessionsOf(alice))).isZero();
            assertThat(redis.sync().hlen(PresenceKeys.sessionsOf(bob))).isZero();
            assertThat(redis.sync().exists(PresenceKeys.registeredBy("gw-shutdown"))).isZero();
            assertThat(redis.sync().zscore(PresenceKeys.NODES, "gw-shutdown")).isNull();
        }
    }

}
