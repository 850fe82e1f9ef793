package dev.switchboard.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import io.micrometer.core.instrument.MeterRegistry;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HandshakeIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

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
        TestAuth.Issued issued = TestAuth.issue(user, java.time.Duration.ofDays(1));
        String revoked = issued.token();
        TestAuth.revoke(issued);

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

    @Test
    void letsNoConcurrentHandshakesPassTheSessionCapTogether() throws Exception {
        UserId user = TestAuth.newUser();
        String token = TestAuth.tokenFor(user);
        List<TestWebSocket> opened = new CopyOnWriteArrayList<>();
        List<Integer> refused = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        opened.add(TestWebSocket.connect(this.clients.uri(null),
                                Map.of("Authorization", "Bearer " + token)));
                    }
                    catch (TestWebSocket.HandshakeRefused ex) {
                        refused.add(ex.status());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get(20, TimeUnit.SECONDS);
            }

            assertThat(opened).as("the cap of the test profile").hasSize(3);
            assertThat(refused).hasSize(9).containsOnly(429);
            assertThat(this.redis.opsForHash().size(PresenceKeys.sessionsOf(user))).isEqualTo(3);
        }
        finally {
            opened.forEach(TestWebSocket::close);
            pool.shutdownNow();
        }
    }

    @Test
    void countsASuccessfulHandshakeAsAcceptedOnly() {
        double accepted = handshakes("accepted");
        double unauthorized = handshakes("unauthorized");

        try (Connected connected = this.clients.connect(TestAuth.newUser())) {
            connected.socket().sendJson(Map.of("type", "typing", "to", connected.user().value()));
        }

        await().atMost(Clients.WAIT).until(() -> handshakes("accepted") == accepted + 1);
        assertThat(handshakes("unauthorized")).isEqualTo(unauthorized);
    }

    @Test
    void writesNoTokenToAnyLogWhateverHandshakeFails(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> verbose = List.of("reactor.netty", "org.springframework.web", "org.springframework.http",
                "org.springframework.cloud.gateway", "org.springframework.boot.web", "dev.switchboard");
        verbose.forEach((name) -> logging.setLogLevel(name, LogLevel.TRACE));
        try {
            TestAuth.Issued issued = TestAuth.issue(TestAuth.newUser(), Duration.ofDays(1));
            String token = issued.token();
            String ticket = TestAuth.ticketFor(issued.credential());
            for (String query : List.of("accessToken=" + token, "ticket=" + ticket, "x=1&accessToken=" + token)) {
                String target = "/messaging?" + query;
                String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
                for (String request : List.of(
                        // the version Netty does not speak
                        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + upgrade
                                + "Sec-WebSocket-Version: 99\r\n\r\n",
                        // no key
                        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n",
                        // not an upgrade at all
                        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        // the wrong method
                        "POST " + target + " HTTP/1.1\r\nHost: localhost\r\n" + upgrade
                                + "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n",
                        // an origin that may not connect
                        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\n" + upgrade
                                + "Sec-WebSocket-Version: 13\r\n\r\n",
                        // a header line that is not one
                        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nthis is not a header\r\n" + upgrade
                                + "Sec-WebSocket-Version: 13\r\n\r\n",
                        // headers over Netty's limit
                        "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n"
                                + upgrade + "Sec-WebSocket-Version: 13\r\n\r\n",
                        // a target over Netty's limit of the request line
                        "GET " + target + "&pad=" + "p".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n" + upgrade
                                + "Sec-WebSocket-Version: 13\r\n\r\n")) {
                    String answer = this.clients.raw(request);
                    assertThat(Clients.status(answer)).as(request.lines().findFirst().orElse("")).isNotEqualTo(101);
                }
            }
            // A handshake that works, then a frame Netty refuses (a reserved opcode).
            this.clients.raw("GET /messaging?accessToken=" + token + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n\u0083\u0080\u0000\u0000\u0000\u0000");

            await().pollDelay(Duration.ofMillis(500)).atMost(Clients.WAIT).until(() -> true);
            assertThat(output.getAll()).as("what the failing handshakes logged")
                .contains("/messaging")
                .doesNotContain(token)
                .doesNotContain(ticket);
        }
        finally {
            verbose.forEach((name) -> logging.setLogLevel(name, null));
        }
    }

    private double handshakes(String outcome) {
        return this.meters.get("switchboard.gateway.handshakes").tag("outcome", outcome).counter().count();
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
