package dev.switchboard.gateway.presence;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayServiceApplication;
import dev.switchboard.gateway.StubBackend;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node whose Redis restarts empty (no persistence, or a failover to an empty replica)
 * registers its sessions again as soon as its connection is back, without waiting for a
 * heartbeat, and without closing them.
 */
class RedisRestartIntegrationTests {

    @Test
    void registersItsSessionsAgainWhenRedisComesBackEmpty() {
        TestRedis.Dedicated redis = TestRedis.startDedicated();
        ConfigurableApplicationContext node = null;
        try (RedisClient client = RedisClient.create(redis.url().toString())) {
            node = new SpringApplicationBuilder(GatewayServiceApplication.class)
                .initializers(new TestKafka.Initializer(), new TestAuth.Initializer(), new StubBackend.Initializer())
                .profiles("test")
                // Heartbeats so rare that only the reconnect can explain a quick
                // comeback.
                .run("--server.port=0", "--switchboard.gateway.node-id=gw-redis-restart",
                        "--spring.data.redis.url=" + redis.url(),
                        "--switchboard.gateway.presence.heartbeat-interval=10m",
                        "--switchboard.gateway.presence.node-ttl=1h");
            Clients clients = new Clients(((WebServerApplicationContext) node).getWebServer().getPort());
            UserId alice = TestAuth.newUser();
            UserId bob = TestAuth.newUser();
            Connected first = connect(clients, client, alice);
            Connected second = connect(clients, client, bob);

            redis.stop();
            redis.start();

            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                await().atMost(Duration.ofSeconds(20))
                    .until(() -> connection.sync()
                        .hgetall(PresenceKeys.sessionsOf(alice))
                        .equals(Map.of(first.sessionId(), "gw-redis-restart")));
                assertThat(connection.sync().hgetall(PresenceKeys.sessionsOf(bob)))
                    .containsExactly(Map.entry(second.sessionId(), "gw-redis-restart"));
                assertThat(connection.sync()
                    .sismember(PresenceKeys.registeredBy("gw-redis-restart"),
                            PresenceKeys.member(alice, first.sessionId())))
                    .isTrue();
                assertThat(connection.sync().zscore(PresenceKeys.NODES, "gw-redis-restart")).isNotNull();
            }
            assertThat(first.socket().isClosed()).as("the sessions stay open").isFalse();
            assertThat(second.socket().isClosed()).isFalse();
            first.close();
            second.close();
        }
        finally {
            if (node != null) {
                node.close();
            }
            redis.stop();
        }
    }

    /**
     * Connects with a token that the node's own Redis vouches for, as auth-service would
     * have cached it there.
     */
    private static Connected connect(Clients clients, RedisClient client, UserId user) {
        TestAuth.Issued issued = TestAuth.issue(user, Duration.ofDays(1));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync()
                .psetex(CachedCredential.tokenKey(issued.token()), Duration.ofDays(1).toMillis(),
                        CachedCredential.encode(issued.credential()));
        }
        return await().atMost(Duration.ofSeconds(20))
            .ignoreExceptions()
            .until(() -> clients.connectWithToken(user, issued.token()), (connected) -> connected != null);
    }

}
