package dev.switchboard.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class HandshakeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    Clients clients;

    @BeforeEach
    void clients() {
        this.clients = new Clients(this.port);
    }

    @Test
    void acceptsABearerTokenInTheAuthorizationHeader() {
        UserId user = TestAuth.newUser();

        try (Connected connected = this.clients.connect(user)) {
            assertThat(connected.sessionId()).isNotBlank();
        }
    }

    @Test
    void tellsTheClientItsSessionIsRegistered() {
        UserId user = TestAuth.newUser();
        try (TestWebSocket socket = TestWebSocket.connectWithToken(this.clients.uri(null), TestAuth.tokenFor(user))) {
            JsonNode ready = socket.next(Clients.WAIT);

            assertThat(ready.get("type").asString()).isEqualTo("ready");
            assertThat(ready.get("userId").asLong()).isEqualTo(user.value());
            assertThat(ready.get("nodeId").asString()).isEqualTo("gw-test");
        }
    }

    @Test
    void acceptsAOneTimeTicketOnce() throws Exception {
        UserId user = TestAuth.newUser();
        TestAuth.Issued token = TestAuth.issue(user, Duration.ofDays(1));
        String ticket = TestAuth.ticketFor(token.credential());

        try (TestWebSocket socket = TestWebSocket.connect(this.clients.uri("ticket=" + ticket), Map.of())) {
            assertThat(socket.nextOfType("ready", Clients.WAIT).get("userId").asLong()).isEqualTo(user.value());
        }
        assertThat(this.clients.handshakeStatus("ticket=" + ticket, Map.of())).as("a used ticket").isEqualTo(401);
    }

    @Test
    void acceptsTheSeedsAccessTokenInTheQuery() throws Exception {
        UserId user = TestAuth.newUser();

        try (TestWebSocket socket = TestWebSocket.connect(this.clients.uri("accessToken=" + TestAuth.tokenFor(user)),
                Map.of())) {
            assertThat(socket.drain(Duration.ofMillis(500))).as("seed clients get no frames they do not know")
                .isEmpty();
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @Test
    void refusesAHandshakeWithoutCredentials() {
        assertThat(this.clients.handshakeStatus(null, Map.of())).isEqualTo(401);
    }

    @Test
    void refusesUnknownExpiredAndRevokedTokens() {
        UserId user = TestAuth.newUser();
        String revoked = TestAuth.tokenFor(user);
        TestAuth.revoke(revoked);

        assertThat(bearerStatus("A".repeat(43))).as("unknown").isEqualTo(401);
        assertThat(bearerStatus("not a token")).as("malformed").isEqualTo(401);
        assertThat(bearerStatus(expiredTokenOf(user))).as("expired").isEqualTo(401);
        assertThat(bearerStatus(revoked)).as("revoked").isEqualTo(401);
    }

    @Test
    void refusesADisallowedOriginAndAcceptsAnAllowedOne() {
        String token = TestAuth.tokenFor(TestAuth.newUser());

        assertThat(this.clients.handshakeStatus(null,
                Map.of("Authorization", "Bearer " + token, "Origin", "https://evil.example")))
            .isEqualTo(403);
        assertThat(this.clients.handshakeStatus(null,
                Map.of("Authorization", "Bearer " + token, "Origin", "http://localhost:3000")))
            .isEqualTo(101);
    }

    @Test
    void refusesMoreSessionsPerUserThanAllowed() {
        UserId user = TestAuth.newUser();
        List<Connected> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(this.clients.connect(user));
            }

            assertThat(bearerStatus(TestAuth.tokenFor(user))).isEqualTo(429);
        }
        finally {
            open.forEach(Connected::close);
        }
    }

    private int bearerStatus(String token) {
        return this.clients.handshakeStatus(null, Map.of("Authorization", "Bearer " + token));
    }

    private String expiredTokenOf(UserId user) {
        TestAuth.Issued issued = TestAuth.issue(user, Duration.ofMinutes(5));
        AuthenticatedUser expired = new AuthenticatedUser(user, issued.credential().tokenId(),
                Instant.now().minusSeconds(1));
        this.redis.opsForValue()
            .set(CachedCredential.tokenKey(issued.token()), CachedCredential.encode(expired), Duration.ofMinutes(5));
        return issued.token();
    }

}
