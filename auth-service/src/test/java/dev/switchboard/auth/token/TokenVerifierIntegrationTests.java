package dev.switchboard.auth.token;

import java.time.Clock;
import java.time.Duration;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.authclient.AuthUnavailableException;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.authclient.IntrospectionTokenSource;
import dev.switchboard.authclient.TokenVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verifier as the gateway and history-service use it: Redis first, auth-service's
 * introspection endpoint (this running instance) on a miss.
 */
@AuthIntegrationTest
class TokenVerifierIntegrationTests {

    @Autowired
    AuthApi api;

    @Autowired
    ReactiveRedisConnectionFactory redisConnections;

    @Autowired
    StringRedisTemplate redis;

    @LocalServerPort
    int port;

    TokenVerifier verifier;

    @BeforeEach
    void setUp() {
        this.verifier = verifierFor("http://localhost:" + this.port + "/internal/auth/introspect");
    }

    @Test
    void acceptsACachedToken() {
        JsonNode login = this.api.loginFresh(Mobiles.next()).body();

        AuthenticatedUser user = this.verifier.verify(login.get("accessToken").asString()).block();

        assertThat(user.userId().value()).isEqualTo(login.get("userId").asLong());
    }

    @Test
    void asksAuthServiceWhenTheCacheHasNoEntryAndTheCacheIsFilledAgain() {
        JsonNode login = this.api.loginFresh(Mobiles.next()).body();
        String token = login.get("accessToken").asString();
        this.redis.delete(CachedCredential.tokenKey(token));

        AuthenticatedUser user = this.verifier.verify(token).block();

        assertThat(user.userId().value()).isEqualTo(login.get("userId").asLong());
        assertThat(this.redis.hasKey(CachedCredential.tokenKey(token))).isTrue();
    }

    @Test
    void refusesRevokedUnknownAndMalformedTokens() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        this.api.logout(token).expectStatus(204);

        assertThat(this.verifier.verify(token).blockOptional()).isEmpty();
        assertThat(this.verifier.verify("B".repeat(43)).blockOptional()).isEmpty();
        assertThat(this.verifier.verify("short").blockOptional()).isEmpty();
        assertThat(this.verifier.verify(null).blockOptional()).isEmpty();
    }

    @Test
    void redeemsATicketOnce() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        String ticket = this.api.webSocketTicket(token).expectStatus(200).text("ticket");

        assertThat(this.verifier.redeemTicket(ticket).blockOptional()).isPresent();
        assertThat(this.verifier.redeemTicket(ticket).blockOptional()).isEmpty();
        assertThat(this.verifier.redeemTicket(token).blockOptional()).as("a token is no ticket").isEmpty();
    }

    @Test
    void saysItCannotTellWhenAuthServiceCannotBeReached() {
        String token = this.api.loginFresh(Mobiles.next()).text("accessToken");
        this.redis.delete(CachedCredential.tokenKey(token));
        TokenVerifier unreachable = verifierFor("http://localhost:1/internal/auth/introspect");

        assertThatExceptionOfType(AuthUnavailableException.class).isThrownBy(() -> unreachable.verify(token).block());
    }

    private TokenVerifier verifierFor(String introspectionUri) {
        return new TokenVerifier(new ReactiveStringRedisTemplate(this.redisConnections),
                new IntrospectionTokenSource(WebClient.create(introspectionUri), Duration.ofSeconds(2)),
                Duration.ofSeconds(2), Clock.systemUTC());
    }

}
