package dev.switchboard.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.GatewayServiceApplication;
import dev.switchboard.gateway.StubBackend;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.TokenRevoked;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;
import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No session opened by a revoked token stays open: not one opened with a ticket minted
 * before the logout, not one whose handshake checked the token just before the revocation
 * arrived, not one on a node that started while the logout happened.
 */
@GatewayIntegrationTest
class RevocationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    Clients clients;

    @BeforeEach
    void clients() {
        this.clients = new Clients(this.port);
    }

    @Test
    void redeemsNoTicketMintedBeforeItsTokenWasRevoked() {
        UserId user = TestAuth.newUser();
        TestAuth.Issued token = TestAuth.issue(user, Duration.ofDays(1));
        String ticket = TestAuth.ticketFor(token.credential());

        TestAuth.revoke(token);

        assertThat(this.clients.handshakeStatus("ticket=" + ticket, Map.of())).isEqualTo(401);
    }

    @Test
    void closesASessionThatJoinsAfterItsTokenWasRevoked() {
        UserId user = TestAuth.newUser();
        TestAuth.Issued token = TestAuth.issue(user, Duration.ofDays(1));
        try (Connected first = this.clients.connectWithToken(user, token.token())) {
            // The revocation event arrives; the token's cache entry is still there, as it
            // is for a handshake that checked the token a moment before the logout.
            revoke(token);
            assertThat(first.socket().awaitClose(Clients.WAIT).reason()).isEqualTo("token revoked");

            TestWebSocket late = TestWebSocket.connectWithToken(this.clients.uri(null), token.token());

            TestWebSocket.Closed closed = late.awaitClose(Clients.WAIT);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("token revoked");
        }
    }

    @Test
    void closesSessionsOfATokenRevokedWhileTheNodeWasStarting() {
        UserId user = TestAuth.newUser();
        TestAuth.Issued token = TestAuth.issue(user, Duration.ofDays(1));
        revoke(token);

        ConfigurableApplicationContext node = new SpringApplicationBuilder(GatewayServiceApplication.class)
            .initializers(new TestRedis.Initializer(), new TestKafka.Initializer(), new TestAuth.Initializer(),
                    new StubBackend.Initializer())
            .profiles("test")
            .run("--server.port=0", "--switchboard.gateway.node-id=gw-revocation-lookback");
        try {
            Clients late = new Clients(((WebServerApplicationContext) node).getWebServer().getPort());
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                late.connect(TestAuth.newUser()).close();
                return true;
            });

            TestWebSocket session = TestWebSocket.connectWithToken(late.uri(null), token.token());

            assertThat(session.awaitClose(Clients.WAIT).reason()).isEqualTo("token revoked");
        }
        finally {
            node.close();
        }
    }

    private void revoke(TestAuth.Issued token) {
        this.kafka
            .send(Topics.AUTH_REVOCATIONS, token.credential().userId().toString(),
                    new TokenRevoked(token.credential().tokenId(), token.credential().userId(), Instant.now()))
            .join();
    }

}
