package dev.switchboard.gateway.session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.KafkaProbe;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.messaging.simp.stomp.StompCommand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code /stomp} against the gateway with a real broker: the same sessions as
 * {@code /messaging} (authenticated at the handshake, messages to Kafka after its ack,
 * deliveries from the node topic) in STOMP 1.2 frames.
 */
@GatewayIntegrationTest
class StompIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StompCodec stomp = new StompCodec();

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Test
    void sendsAndReceivesAsTheHandshakesUserInStompFrames() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (TestWebSocket socket = connect(alice);
                KafkaProbe sent = new KafkaProbe(Topics.SEND_MESSAGE);
                KafkaProbe receipts = new KafkaProbe(Topics.MESSAGE_RECEIPTS)) {
            socket.send("CONNECT\naccept-version:1.2\nhost:localhost\nlogin:" + bob + "\npasscode:x\n\n\u0000");
            StompCodec.Frame connected = next(socket);
            assertThat(connected.command()).isEqualTo(StompCommand.CONNECTED);
            assertThat(connected.header("user-name")).isEqualTo(alice.toString());

            socket.send("SUBSCRIBE\nid:sub-0\ndestination:/user/queue/messages\nack:client-individual\nreceipt:s-1\n\n"
                    + "\u0000");
            assertThat(next(socket).header("receipt-id")).isEqualTo("s-1");

            socket.send("SEND\ndestination:/app/messages\nreceipt:r-1\ncontent-type:application/json\n\n"
                    + "{\"clientMessageId\":\"c-1\",\"to\":" + bob.value() + ",\"body\":\"hi\",\"from\":" + bob.value()
                    + "}\u0000");
            StompCodec.Frame receipt = next(socket);
            assertThat(receipt.command()).isEqualTo(StompCommand.RECEIPT);
            assertThat(receipt.header("receipt-id")).isEqualTo("r-1");
            MessageSent message = (MessageSent) sent
                .await((event) -> event instanceof MessageSent m && m.clientMessageId().equals("c-1")
                        && m.recipientId().equals(bob), 1)
                .get(0)
                .value();
            assertThat(message.senderId()).as("the handshake's user, whatever the frame says").isEqualTo(alice);
            assertThat(receipt.header("message-id")).as("what accepted says at /messaging")
                .isEqualTo(message.messageId().toString());
            assertThat(receipt.header("conversation-id")).isEqualTo(message.conversationId().value());
            assertThat(Instant.parse(receipt.header("sent-at"))).isEqualTo(message.sentAt());

            MessageSent fromBob = message(bob, alice, "hello alice");
            deliver(alice, fromBob);
            StompCodec.Frame delivered = next(socket);
            assertThat(delivered.command()).isEqualTo(StompCommand.MESSAGE);
            assertThat(delivered.header("subscription")).isEqualTo("sub-0");
            assertThat(delivered.header("message-id")).isEqualTo(fromBob.messageId().toString());
            assertThat(delivered.body()).contains("\"body\":\"hello alice\"", "\"from\":" + bob.value());

            socket.send("ACK\nid:" + delivered.header("ack") + "\n\n\u0000");
            SwitchboardEvent ack = receipts
                .await((event) -> event instanceof MessagesDelivered d && d.messageIds().contains(fromBob.messageId()),
                        1)
                .get(0)
                .value();
            assertThat(((MessagesDelivered) ack).recipientId()).isEqualTo(alice);
            assertThat(((MessagesDelivered) ack).senderId()).isEqualTo(bob);
        }
    }

    @Test
    void answersAnUnknownDestinationWithAnErrorAndCloses() {
        try (TestWebSocket socket = connect(TestAuth.newUser())) {
            socket.send("CONNECT\naccept-version:1.2\n\n\u0000");
            assertThat(next(socket).command()).isEqualTo(StompCommand.CONNECTED);

            socket.send("SUBSCRIBE\nid:0\ndestination:/topic/everyone\n\n\u0000");

            StompCodec.Frame error = next(socket);
            assertThat(error.command()).isEqualTo(StompCommand.ERROR);
            assertThat(error.header("message")).contains("invalid_frame");
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1000);
        }
    }

    @Test
    void answersAFrameBeforeConnectWithAnErrorAndCloses() {
        try (TestWebSocket socket = connect(TestAuth.newUser())) {
            socket.send("{\"type\":\"send\",\"clientMessageId\":\"x\",\"to\":1,\"body\":\"json here\"}");

            assertThat(next(socket).command()).isEqualTo(StompCommand.ERROR);
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1000);
        }
    }

    @Test
    void authenticatesWithTheAuthorizationHeaderOfConnectWhenTheHandshakeBroughtNone() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (TestWebSocket socket = anonymous(); KafkaProbe sent = new KafkaProbe(Topics.SEND_MESSAGE)) {
            socket.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + TestAuth.tokenFor(alice) + "\nlogin:"
                    + bob + "\n\n\u0000");
            StompCodec.Frame connected = next(socket);
            assertThat(connected.command()).isEqualTo(StompCommand.CONNECTED);
            assertThat(connected.header("user-name")).isEqualTo(alice.toString());

            socket.send("SEND\ndestination:/app/messages\nreceipt:r-1\n\n{\"clientMessageId\":\"c-connect\",\"to\":"
                    + bob.value() + ",\"body\":\"hi\"}\u0000");
            assertThat(next(socket).header("receipt-id")).isEqualTo("r-1");
            MessageSent message = (MessageSent) sent
                .await((event) -> event instanceof MessageSent m && m.clientMessageId().equals("c-connect"), 1)
                .get(0)
                .value();
            assertThat(message.senderId()).isEqualTo(alice);
        }
    }

    @Test
    void refusesAConnectWithoutValidCredentialsWhenTheHandshakeBroughtNone() {
        try (TestWebSocket socket = anonymous()) {
            socket.send("CONNECT\naccept-version:1.2\nlogin:42\npasscode:secret\n\n\u0000");
            StompCodec.Frame error = next(socket);
            assertThat(error.command()).isEqualTo(StompCommand.ERROR);
            assertThat(error.header("message")).startsWith("unauthorized: ");
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1008);
        }
        try (TestWebSocket socket = anonymous()) {
            socket.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer not-a-token\n\n\u0000");
            assertThat(next(socket).header("message")).isEqualTo("unauthorized: The token or ticket is not valid.");
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1008);
        }
        try (TestWebSocket socket = anonymous()) {
            socket.send("SUBSCRIBE\nid:0\ndestination:/user/queue/messages\n\n\u0000");
            assertThat(next(socket).command()).isEqualTo(StompCommand.ERROR);
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1008);
        }
    }

    @Test
    void closesAConnectionThatSendsNoConnectInTime() {
        try (TestWebSocket socket = anonymous()) {
            // connect-timeout is 2 s in the tests
            StompCodec.Frame error = next(socket);
            assertThat(error.command()).isEqualTo(StompCommand.ERROR);
            assertThat(error.header("message")).isEqualTo("unauthorized: No CONNECT frame came in time.");
            assertThat(socket.awaitClose(WAIT).code()).isEqualTo(1008);
        }
    }

    @Test
    void holdsABoundedNumberOfConnectionsThatHaveNotAuthenticatedYet() {
        // max-awaiting-connect is 2 in the tests
        try (TestWebSocket first = anonymous(); TestWebSocket second = anonymous()) {
            assertThatExceptionOfType(TestWebSocket.HandshakeRefused.class)
                .isThrownBy(() -> TestWebSocket.connect(URI.create("ws://localhost:" + this.port + "/stomp"), Map.of()))
                .satisfies((refused) -> assertThat(refused.status()).isEqualTo(503));

            first.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + TestAuth.tokenFor(TestAuth.newUser())
                    + "\n\n\u0000");
            assertThat(next(first).command()).isEqualTo(StompCommand.CONNECTED);
            try (TestWebSocket third = anonymous()) {
                assertThat(third.isClosed()).as("the first one's place is free again").isFalse();
            }
        }
    }

    @Test
    void stillRefusesAMessagingHandshakeWithoutCredentials() {
        assertThatExceptionOfType(TestWebSocket.HandshakeRefused.class)
            .isThrownBy(() -> TestWebSocket.connect(URI.create("ws://localhost:" + this.port + "/messaging"), Map.of()))
            .satisfies((refused) -> assertThat(refused.status()).isEqualTo(401));
    }

    private TestWebSocket anonymous() {
        try {
            return TestWebSocket.connect(URI.create("ws://localhost:" + this.port + "/stomp"), Map.of());
        }
        catch (TestWebSocket.HandshakeRefused ex) {
            throw new AssertionError("a /stomp handshake without credentials is upgraded", ex);
        }
    }

    private TestWebSocket connect(UserId user) {
        return TestWebSocket.connectWithToken(URI.create("ws://localhost:" + this.port + "/stomp"),
                TestAuth.tokenFor(user));
    }

    private StompCodec.Frame next(TestWebSocket socket) {
        return this.stomp.decode(socket.nextText(WAIT));
    }

    private void deliver(UserId to, SwitchboardEvent event) {
        this.kafka.send(Topics.gateway("gw-test"), to.toString(), DeliveryBatch.of(new Delivery(to, event))).join();
    }

    private static MessageSent message(UserId from, UserId to, String body) {
        String clientId = UUID.randomUUID().toString();
        return new MessageSent(MessageId.derive(from, ConversationId.direct(from, to), clientId), clientId,
                ConversationId.direct(from, to), from, to, body, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "elsewhere");
    }

}
