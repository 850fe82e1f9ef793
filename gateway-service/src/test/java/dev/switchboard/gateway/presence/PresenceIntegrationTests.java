package dev.switchboard.gateway.presence;

import java.time.Duration;
import java.util.Map;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class PresenceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    PresenceRegistry presence;

    Clients clients;

    @BeforeEach
    void clients() {
        this.clients = new Clients(this.port);
    }

    @Test
    void registersASessionWhileItIsOpenAndRemovesItAfter() {
        UserId user = TestAuth.newUser();
        String sessionId;
        try (Connected connected = this.clients.connect(user)) {
            sessionId = connected.sessionId();

            assertThat(this.redis.opsForHash().entries(PresenceKeys.sessionsOf(user)))
                .containsExactly(Map.entry(sessionId, "gw-test"));
            assertThat(this.redis.opsForSet()
                .isMember(PresenceKeys.registeredBy("gw-test"), PresenceKeys.member(user, sessionId))).isTrue();
        }
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.redis.opsForHash().size(PresenceKeys.sessionsOf(user)) == 0);
        assertThat(this.redis.opsForSet()
            .isMember(PresenceKeys.registeredBy("gw-test"), PresenceKeys.member(user, sessionId))).isFalse();
    }

    @Test
    void removesTheSessionOfAClientThatVanished() {
        UserId user = TestAuth.newUser();
        Connected connected = this.clients.connect(user);

        connected.socket().abort();

        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.redis.opsForHash().size(PresenceKeys.sessionsOf(user)) == 0);
    }

    @Test
    void keepsItsHeartbeatFresh() {
        Double expiry = this.redis.opsForZSet().score(PresenceKeys.NODES, "gw-test");

        assertThat(expiry).isNotNull();
        assertThat(expiry.longValue()).isGreaterThan(System.currentTimeMillis());
    }

    @Test
    void sweepsAwayTheEntriesOfADeadNode() {
        UserId user = TestAuth.newUser();
        this.redis.opsForHash().put(PresenceKeys.sessionsOf(user), "s-dead", "gw-dead");
        this.redis.opsForSet().add(PresenceKeys.registeredBy("gw-dead"), PresenceKeys.member(user, "s-dead"));
        this.redis.opsForZSet().add(PresenceKeys.NODES, "gw-dead", System.currentTimeMillis() - 60_000);

        this.presence.sweepDeadNodes().collectList().block(Duration.ofSeconds(5));

        assertThat(this.redis.opsForHash().hasKey(PresenceKeys.sessionsOf(user), "s-dead")).isFalse();
        assertThat(this.redis.hasKey(PresenceKeys.registeredBy("gw-dead"))).isFalse();
        assertThat(this.redis.opsForZSet().score(PresenceKeys.NODES, "gw-dead")).isNull();
        assertThat(this.redis.opsForZSet().score(PresenceKeys.NODES, "gw-test")).as("live nodes stay").isNotNull();
    }

}
