package dev.switchboard.gateway.session;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.test.TestAuth;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading while messages keep coming: the gateway closes it once its
 * queue is full, instead of buffering without bound, and it leaves presence.
 */
@GatewayIntegrationTest
class SlowConsumerIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Test
    void closesAClientThatDoesNotKeepUp() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        double closedBefore = this.meters.counter("switchboard.gateway.slow.consumers.closed").count();
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("localhost", this.port));
            handshake(socket, TestAuth.tokenFor(bob));
            await().atMost(Duration.ofSeconds(10))
                .until(() -> this.redis.opsForHash().size(PresenceKeys.sessionsOf(bob)) == 1);

            String body = "x".repeat(4000);
            for (int i = 0; i < 4000; i++) {
                String clientId = UUID.randomUUID().toString();
                MessageSent message = new MessageSent(
                        MessageId.derive(alice, ConversationId.direct(alice, bob), clientId), clientId,
                        ConversationId.direct(alice, bob), alice, bob, body,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS), "elsewhere");
                this.kafka.send(Topics.gateway("gw-test"), bob.toString(),
                        DeliveryBatch.of(new Delivery(bob, message)));
            }
            this.kafka.flush();

            await().atMost(Duration.ofSeconds(30))
                .until(() -> this.meters.counter("switchboard.gateway.slow.consumers.closed").count() > closedBefore);
            await().atMost(Duration.ofSeconds(20))
                .until(() -> this.redis.opsForHash().size(PresenceKeys.sessionsOf(bob)) == 0);
        }
    }

    private static void handshake(Socket socket, String token) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /messaging HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            headers.append((char) in.read());
        }
        assertThat(headers.toString()).startsWith("HTTP/1.1 101");
        // From here on, this client reads nothing.
    }

}
