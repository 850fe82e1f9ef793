package dev.switchboard.auth.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.AuthTestConfiguration.MutableClock;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.authclient.TokenVerifier;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.TokenRevoked;
import dev.switchboard.support.kafka.EventDeserializer;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AuthIntegrationTest
class TokenLifecycleIntegrationTests {

    @Autowired
    AuthApi api;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MutableClock clock;

    @Autowired
    TokenVerifier verifier;

    @Autowired
    TokenRepository tokens;

    @Autowired
    TokenCache cache;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void cachesTheTokenForItsLifetimeAndStoresOnlyItsDigest() {
        HttpAnswer login = this.api.loginFresh(Mobiles.next());
        String token = login.text("accessToken");

        String key = CachedCredential.tokenKey(token);
        assertThat(this.redis.opsForValue().get(key)).isNotNull();
        assertThat(this.redis.getExpire(key)).isBetween(Duration.ofDays(29).toSeconds(),
                Duration.ofDays(30).toSeconds());
        assertThat(this.redis.keys("*" + token + "*")).isEmpty();
    }

    @Test
    void keepsCodesAndTokensOnlyAsDigestsAtRest() {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String code = this.api.lastCode(mobile);
        Map<Object, Object> stored = this.redis.opsForHash().entries("auth:code:" + mobile);
        assertThat(stored).isNotEmpty();
        assertThat(stored.values()).as("the code's Redis entry").noneMatch((value) -> value.toString().contains(code));

        String token = this.api.login(mobile, code).expectStatus(200).text("accessToken");
        List<Map<String, Object>> rows = this.jdbc.queryForList(
                "SELECT t.* FROM auth.access_token t JOIN auth.app_user u ON u.id = t.user_id WHERE u.mobile = ?",
                mobile);
        assertThat(rows).hasSize(1);
        byte[] digest = (byte[]) rows.get(0).get("token_hash");
        assertThat(digest).hasSize(32);
        assertThat(new String(digest, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(rows.get(0).values()).as("no column holds the token")
            .noneMatch((value) -> value != null && value.toString().contains(token));
        for (String key : this.redis.keys("auth:*")) {
            assertThat(key).doesNotContain(token);
            if (this.redis.type(key).code().equals("string")) {
                assertThat(this.redis.opsForValue().get(key)).as(key).doesNotContain(token);
            }
        }
    }

    @Test
    void servesTokensFromTheDatabaseWhenTheCacheLostThem() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        this.redis.delete(CachedCredential.tokenKey(token));

        this.api.me(token).expectStatus(200);

        assertThat(this.redis.hasKey(CachedCredential.tokenKey(token))).as("cached again").isTrue();
    }

    @Test
    void logoutRevokesTheTokenEverywhereAndTellsTheGateways() {
        HttpAnswer login = this.api.loginFresh(Mobiles.next());
        String token = login.text("accessToken");
        long userId = login.body().get("userId").asLong();
        try (KafkaConsumer<String, SwitchboardEvent> revocations = revocationConsumer()) {
            this.api.logout(token).expectStatus(204);

            this.api.me(token).expectStatus(401);
            this.api.logout(token).expectStatus(401);
            assertThat(this.redis.hasKey(CachedCredential.tokenKey(token))).isFalse();
            List<TokenRevoked> events = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                for (ConsumerRecord<String, SwitchboardEvent> record : revocations.poll(Duration.ofMillis(200))) {
                    // the topic also carries contact.blocks-changed
                    if (record.value() instanceof TokenRevoked revoked) {
                        events.add(revoked);
                    }
                }
                assertThat(events).anySatisfy((event) -> assertThat(event.userId().value()).isEqualTo(userId));
            });
        }
    }

    @Test
    void logoutLeavesTheUsersOtherTokensValid() {
        String mobile = Mobiles.next();
        String first = this.api.loginFresh(mobile).text("accessToken");
        String second = this.api.loginFresh(mobile).text("accessToken");

        this.api.logout(first).expectStatus(204);

        this.api.me(first).expectStatus(401);
        this.api.me(second).expectStatus(200);
    }

    @Test
    void refusesATokenPastItsLifetime() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        this.api.me(token).expectStatus(200);

        this.clock.advance(Duration.ofDays(30).plusSeconds(1));
        try {
            this.api.me(token).expectStatus(401);
            this.redis.delete(CachedCredential.tokenKey(token));
            this.api.me(token).expectStatus(401);
        }
        finally {
            this.clock.advance(Duration.ofDays(30).plusSeconds(1).negated());
        }
    }

    @Test
    void issuesSingleUseWebSocketTicketsThatLiveAMinuteAtMost() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");

        HttpAnswer ticket = this.api.webSocketTicket(token).expectStatus(200);

        assertThat(ticket.text("ticket")).hasSize(43).isNotEqualTo(token);
        assertThat(ticket.body().get("expiresInSeconds").asLong()).isBetween(1L, 60L);
        String key = CachedCredential.ticketKey(ticket.text("ticket"));
        assertThat(this.redis.getExpire(key)).isBetween(1L, 60L);
        this.api.webSocketTicket(null).expectStatus(401);
    }

    @Test
    void redeemsNoTicketWhoseTokenWasRevokedAfterwards() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        String before = this.api.webSocketTicket(token).expectStatus(200).text("ticket");
        String unused = this.api.webSocketTicket(token).expectStatus(200).text("ticket");
        assertThat(this.verifier.redeemTicket(before).block()).as("a ticket of a valid token opens").isNotNull();

        this.api.logout(token).expectStatus(204);

        assertThat(this.verifier.redeemTicket(unused).blockOptional()).as("minted before the logout").isEmpty();
    }

    @Test
    void cachesNoRevokedTokenAgainWhenACheckRacesTheLogout() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        // A check that misses the cache reads the token from the database as valid...
        this.redis.delete(CachedCredential.tokenKey(token));
        AuthenticatedUser readBeforeLogout = this.tokens
            .findActive(dev.switchboard.authclient.Secrets.digest(token), this.clock.instant())
            .orElseThrow();

        // ... the logout completes in between ...
        this.api.logout(token).expectStatus(204);
        // ... and then the check caches what it read.
        this.cache.put(token, readBeforeLogout);

        assertThat(this.redis.hasKey(CachedCredential.tokenKey(token))).isFalse();
        assertThat(this.verifier.verify(token).blockOptional()).isEmpty();
        this.api.me(token).expectStatus(401);
    }

    private static KafkaConsumer<String, SwitchboardEvent> revocationConsumer() {
        KafkaConsumer<String, SwitchboardEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new EventDeserializer());
        consumer.subscribe(List.of(Topics.AUTH_REVOCATIONS));
        return consumer;
    }

}
