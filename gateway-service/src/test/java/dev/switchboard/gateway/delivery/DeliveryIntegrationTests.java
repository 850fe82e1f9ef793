package dev.switchboard.gateway.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.DeliveryBatch;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.event.TokenRevoked;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestWebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class DeliveryIntegrationTests {

    private static final Duration WAIT = Clients.WAIT;

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    StringRedisTemplate redis;

    Clients clients;

    @BeforeEach
    void clients() {
        this.clients = new Clients(this.port);
    }

    @Test
    void deliversToEverySessionOfTheRecipientOnThisNode() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected phone = this.clients.connect(bob); Connected laptop = this.clients.connect(bob)) {
            MessageSent message = message(alice, bob, "hello bob", "elsewhere");

            deliver(bob, message);

            for (Connected device : List.of(phone, laptop)) {
                JsonNode frame = device.socket().nextOfType("message", WAIT);
                assertThat(frame.get("messageId").asString()).isEqualTo(message.messageId().toString());
                assertThat(frame.get("from").asLong()).isEqualTo(alice.value());
                assertThat(frame.get("body").asString()).isEqualTo("hello bob");
            }
        }
    }

    @Test
    void deliversToTheSendersOtherDevicesButNotTheSendingOne() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected sending = this.clients.connect(alice); Connected other = this.clients.connect(alice)) {
            MessageSent message = message(alice, bob, "from my phone", sending.sessionId());

            deliver(alice, message);

            assertThat(other.socket().nextOfType("message", WAIT).get("body").asString()).isEqualTo("from my phone");
            assertThat(sending.socket().drain(Duration.ofMillis(500)))
                .noneMatch((frame) -> "message".equals(frame.path("type").asString()));
        }
    }

    @Test
    void deliversInTheSeedsFormatToASeedClient() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (TestWebSocket seed = TestWebSocket.connect(this.clients.uri("accessToken=" + TestAuth.tokenFor(bob)),
                Map.of())) {
            awaitRegistered(bob);
            deliver(bob, new MessagesDelivered(ConversationId.direct(alice, bob), bob, alice,
                    List.of(MessageId.derive(bob, ConversationId.direct(alice, bob), "x")), Instant.now()));
            deliver(bob, message(alice, bob, "hi seed", "elsewhere"));

            JsonNode frame = seed.next(WAIT);

            assertThat(frame.get("topic").asString()).isEqualTo("SEND_MESSAGE");
            assertThat(frame.get("msg").asString()).isEqualTo("hi seed");
            assertThat(frame.get("senderId").asLong()).isEqualTo(alice.value());
        }
    }

    @Test
    void deliversReceiptsAndTyping() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        ConversationId conversation = ConversationId.direct(alice, bob);
        MessageId id = MessageId.derive(alice, conversation, UUID.randomUUID().toString());
        try (Connected client = this.clients.connect(alice)) {
            deliver(alice, new MessagesDelivered(conversation, alice, bob, List.of(id), Instant.now()));
            deliver(alice, new UserTyping(conversation, bob, alice, Instant.now()));

            JsonNode receipt = client.socket().nextOfType("receipt", WAIT);
            assertThat(receipt.get("status").asString()).isEqualTo("delivered");
            assertThat(receipt.get("messageIds").get(0).asString()).isEqualTo(id.toString());
            assertThat(receipt.get("by").asLong()).isEqualTo(bob.value());
            assertThat(client.socket().nextOfType("typing", WAIT).get("from").asLong()).isEqualTo(bob.value());
        }
    }

    @Test
    void closesTheSocketsOfARevokedTokenAndNoOthers() {
        UserId alice = TestAuth.newUser();
        TestAuth.Issued revoked = TestAuth.issue(alice, Duration.ofDays(1));
        try (Connected doomed = this.clients.connectWithToken(alice, revoked.token());
                Connected other = this.clients.connect(alice)) {
            this.kafka.send(Topics.AUTH_REVOCATIONS, alice.toString(),
                    new TokenRevoked(revoked.credential().tokenId(), alice, Instant.now()));

            TestWebSocket.Closed closed = doomed.socket().awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("token revoked");
            assertThat(other.socket().isClosed()).isFalse();
        }
    }

    private void deliver(UserId to, SwitchboardEvent event) {
        this.kafka.send(Topics.gateway("gw-test"), to.toString(), DeliveryBatch.of(new Delivery(to, event))).join();
    }

    private void awaitRegistered(UserId user) {
        org.awaitility.Awaitility.await()
            .atMost(WAIT)
            .until(() -> this.redis.opsForHash().size(PresenceKeys.sessionsOf(user)) > 0);
    }

    private static MessageSent message(UserId from, UserId to, String body, String senderSession) {
        String clientId = UUID.randomUUID().toString();
        return new MessageSent(MessageId.derive(from, ConversationId.direct(from, to), clientId), clientId,
                ConversationId.direct(from, to), from, to, body, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                senderSession);
    }

}
