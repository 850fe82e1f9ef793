package dev.switchboard.gateway.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.KafkaProbe;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestWebSocket;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@GatewayIntegrationTest
class FramesIntegrationTests {

    private static final Duration WAIT = Clients.WAIT;

    @LocalServerPort
    int port;

    Clients clients;

    @BeforeEach
    void clients() {
        this.clients = new Clients(this.port);
    }

    @Test
    void acceptsAMessageOnceKafkaHasIt() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            client.socket().sendJson(Map.of("type", "send", "clientMessageId", "c-1", "to", bob.value(), "body", "hi"));

            JsonNode accepted = client.socket().nextOfType("accepted", WAIT);

            assertThat(accepted.get("clientMessageId").asString()).isEqualTo("c-1");
            assertThat(accepted.get("messageId").asString())
                .isEqualTo(MessageId.derive(alice, ConversationId.direct(alice, bob), "c-1").toString());
            assertThat(accepted.get("conversationId").asString()).isEqualTo(ConversationId.direct(alice, bob).value());
            List<ConsumerRecord<String, dev.switchboard.model.event.SwitchboardEvent>> records = probe
                .await((event) -> event instanceof MessageSent m && m.senderId().equals(alice), 1);
            MessageSent sent = (MessageSent) records.get(0).value();
            assertThat(records.get(0).key()).isEqualTo(ConversationId.direct(alice, bob).value());
            assertThat(sent.recipientId()).isEqualTo(bob);
            assertThat(sent.body()).isEqualTo("hi");
            assertThat(sent.senderSessionId()).isEqualTo(client.sessionId());
        }
    }

    @Test
    void sendsEveryMessageAsTheSessionsUserWhateverThePayloadSays() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId mallory = TestAuth.newUser();
        String bobsToken = TestAuth.tokenFor(bob);
        try (Connected client = this.clients.connect(mallory); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            client.socket()
                .sendJson(Map.of("type", "send", "clientMessageId", "spoof-1", "to", alice.value(), "body", "from bob?",
                        "from", bob.value(), "senderId", bob.value()));
            client.socket()
                .sendJson(Map.of("topic", "SEND_MESSAGE", "message", Map.of("accessToken", bobsToken, "sendTo",
                        String.valueOf(alice.value()), "msg", "seed spoof")));

            List<ConsumerRecord<String, dev.switchboard.model.event.SwitchboardEvent>> records = probe
                .await((event) -> event instanceof MessageSent m && m.recipientId().equals(alice), 2);

            assertThat(records).extracting((record) -> ((MessageSent) record.value()).senderId()).containsOnly(mallory);
        }
    }

    @Test
    void givesAResendTheSameMessageId() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        String first;
        try (Connected client = this.clients.connect(alice)) {
            client.socket().sendJson(Map.of("type", "send", "clientMessageId", "r-1", "to", bob.value(), "body", "hi"));
            first = client.socket().nextOfType("accepted", WAIT).get("messageId").asString();
        }
        try (Connected again = this.clients.connect(alice)) {
            again.socket().sendJson(Map.of("type", "send", "clientMessageId", "r-1", "to", bob.value(), "body", "hi"));

            assertThat(again.socket().nextOfType("accepted", WAIT).get("messageId").asString()).isEqualTo(first);
        }
    }

    @Test
    void answersBadFramesWithErrorsAndKeepsTheSessionOpen() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            TestWebSocket socket = client.socket();

            socket.send("{not json");
            assertError(socket, "bad_json", null);
            socket.send("[1,2,3]");
            assertError(socket, "invalid_frame", null);
            socket.sendJson(Map.of("type", "explode"));
            assertError(socket, "unknown_type", null);
            socket.sendJson(Map.of("hello", "world"));
            assertError(socket, "unknown_type", null);
            socket.sendJson(Map.of("type", "send", "to", bob.value(), "body", "no client id"));
            assertError(socket, "invalid_frame", null);
            socket.sendJson(Map.of("type", "send", "clientMessageId", "c-2", "to", "not-a-user", "body", "x"));
            assertError(socket, "invalid_frame", "c-2");
            socket.sendJson(Map.of("type", "send", "clientMessageId", "c-3", "to", bob.value(), "body", ""));
            assertError(socket, "invalid_frame", "c-3");
            socket.sendJson(
                    Map.of("type", "send", "clientMessageId", "c-4", "to", bob.value(), "body", "x".repeat(4097)));
            assertError(socket, "body_too_large", "c-4");
            socket.sendBinary("binary".getBytes(StandardCharsets.UTF_8));
            assertError(socket, "invalid_frame", null);
            socket.sendJson(Map.of("type", "ack", "conversationId",
                    ConversationId.direct(bob, TestAuth.newUser()).value(), "messageIds",
                    List.of(MessageId.derive(bob, ConversationId.direct(bob, alice), "x").toString())));
            assertError(socket, "not_a_participant", null);
            socket.send("{\"type\":\"send\",\"clientMessageId\":\"deep\",\"to\":" + bob.value()
                    + ",\"body\":\"x\",\"extra\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
            assertError(socket, "bad_json", null);
            socket.send("{\"type\":\"send\",\"clientMessageId\":7,\"to\":[" + bob.value() + "],\"body\":{}}");
            assertError(socket, "invalid_frame", null);

            socket.sendJson(Map.of("type", "send", "clientMessageId", "ok-1", "to", bob.value(), "body", "still here"));
            assertThat(socket.nextOfType("accepted", WAIT).get("clientMessageId").asString()).isEqualTo("ok-1");
            assertThat(probe.during((event) -> event instanceof MessageSent m && m.senderId().equals(alice),
                    Duration.ofSeconds(1)))
                .as("nothing invalid reached Kafka")
                .extracting((record) -> ((MessageSent) record.value()).clientMessageId())
                .containsExactly("ok-1");
        }
    }

    @Test
    void closesTheSessionOnAFrameOverTheHardLimit() {
        try (Connected client = this.clients.connect(TestAuth.newUser())) {
            client.socket().send("{\"type\":\"send\",\"body\":\"" + "x".repeat(70_000) + "\"}");

            assertThat(client.socket().awaitClose(WAIT).code()).isEqualTo(1009);
        }
    }

    @Test
    void closesTheSessionOnATenMegabyteFrame() {
        try (Connected client = this.clients.connect(TestAuth.newUser())) {
            try {
                client.socket().send("{\"type\":\"send\",\"body\":\"" + "x".repeat(10 << 20) + "\"}");
            }
            catch (RuntimeException closedWhileSending) {
                // the server may close before the client has written the whole frame
            }

            // The gateway closes with 1009 after the first 64 KB; a client still writing
            // the
            // other megabytes may see the connection cut (1006) before that close frame.
            assertThat(client.socket().awaitClose(WAIT).code()).isIn(1009, 1006);
        }
        try (Connected next = this.clients.connect(TestAuth.newUser())) {
            next.socket().sendJson(Map.of("type", "typing", "to", TestAuth.newUser().value()));
            assertThat(next.socket().isClosed()).as("the node goes on").isFalse();
        }
    }

    @Test
    void refusesAFloodAndThenClosesTheSession() {
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(TestAuth.newUser())) {
            for (int i = 0; i < 200 && !client.socket().isClosed(); i++) {
                try {
                    client.socket().sendJson(Map.of("type", "typing", "to", bob.value()));
                }
                catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }

            assertThat(
                    client.socket().nextMatching((frame) -> "rate_limited".equals(frame.path("code").asString()), WAIT))
                .isNotNull();
            TestWebSocket.Closed closed = client.socket().awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(closed.reason()).isEqualTo("rate limit exceeded");
        }
    }

    @Test
    void refusesTextThatNoStoreCanKeep() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            TestWebSocket socket = client.socket();

            socket.sendJson(Map.of("type", "send", "clientMessageId", "n-1", "to", bob.value(), "body", "a\u0000b"));
            assertError(socket, "invalid_frame", "n-1");
            socket.send("{\"type\":\"send\",\"clientMessageId\":\"n-2\",\"to\":" + bob.value()
                    + ",\"body\":\"half \\ud83d of a pair\"}");
            assertError(socket, "invalid_frame", "n-2");
            socket.send("{\"topic\":\"SEND_MESSAGE\",\"message\":{\"sendTo\":\"" + bob.value()
                    + "\",\"msg\":\"seed \\u0000\"}}");
            assertError(socket, "invalid_frame", null);

            socket.sendJson(
                    Map.of("type", "send", "clientMessageId", "n-3", "to", bob.value(), "body", "fine \ud83d\ude00"));
            assertThat(socket.nextOfType("accepted", WAIT).get("clientMessageId").asString()).isEqualTo("n-3");
            assertThat(probe.during((event) -> event instanceof MessageSent m && m.senderId().equals(alice),
                    Duration.ofSeconds(1)))
                .extracting((record) -> ((MessageSent) record.value()).clientMessageId())
                .containsExactly("n-3");
        }
    }

    @Test
    void refusesASendToAUserWhoDoesNotExist() {
        UserId alice = TestAuth.newUser();
        UserId nobody = TestAuth.unregisteredUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            client.socket()
                .sendJson(Map.of("type", "send", "clientMessageId", "u-1", "to", nobody.value(), "body", "anyone?"));

            assertError(client.socket(), "unknown_recipient", "u-1");
            client.socket()
                .sendJson(Map.of("type", "send", "clientMessageId", "u-2", "to", bob.value(), "body", "hi bob"));
            assertThat(client.socket().nextOfType("accepted", WAIT).get("clientMessageId").asString()).isEqualTo("u-2");
            assertThat(probe.during((event) -> event instanceof MessageSent m && m.senderId().equals(alice),
                    Duration.ofSeconds(1)))
                .extracting((record) -> ((MessageSent) record.value()).recipientId())
                .containsExactly(bob);
        }
    }

    @Test
    void producesAResendOnceWhileItsFirstCopyWaitsForKafka() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            // The first copy waits for bob's lookup in the user directory; the copies
            // behind it arrive while it is in flight.
            for (int i = 0; i < 4; i++) {
                client.socket()
                    .sendJson(Map.of("type", "send", "clientMessageId", "twice", "to", bob.value(), "body", "hi"));
            }
            client.socket().sendJson(Map.of("type", "send", "clientMessageId", "next", "to", bob.value(), "body", "2"));

            assertThat(client.socket().nextOfType("accepted", WAIT).get("clientMessageId").asString())
                .isEqualTo("twice");
            assertThat(client.socket().nextOfType("accepted", WAIT).get("clientMessageId").asString())
                .as("one answer for the copies")
                .isEqualTo("next");
            probe.await((event) -> event instanceof MessageSent m && m.clientMessageId().equals("next")
                    && m.senderId().equals(alice), 1);
            // One partition (the conversation's): every copy came before "next".
            assertThat(probe.await((event) -> event instanceof MessageSent m && m.senderId().equals(alice), 1))
                .extracting((record) -> ((MessageSent) record.value()).clientMessageId())
                .containsExactly("twice", "next");
        }
    }

    @Test
    void keepsTheOrderOfSendsWhileTheirRecipientIsLookedUp() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            // The first send to bob waits for the user directory; the ones behind it must
            // not overtake it.
            for (int i = 0; i < 15; i++) {
                client.socket()
                    .sendJson(Map.of("type", "send", "clientMessageId", "o-" + i, "to", bob.value(), "body", "n" + i));
            }

            assertThat(probe.await((event) -> event instanceof MessageSent m && m.senderId().equals(alice), 15))
                .extracting((record) -> ((MessageSent) record.value()).clientMessageId())
                .containsExactly("o-0", "o-1", "o-2", "o-3", "o-4", "o-5", "o-6", "o-7", "o-8", "o-9", "o-10", "o-11",
                        "o-12", "o-13", "o-14");
        }
    }

    @Test
    void namesADifferentMessageWhenAClientMessageIdIsUsedWithAnotherRecipient() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice)) {
            client.socket().sendJson(Map.of("type", "send", "clientMessageId", "same", "to", bob.value(), "body", "b"));
            String toBob = client.socket().nextOfType("accepted", WAIT).get("messageId").asString();
            client.socket()
                .sendJson(Map.of("type", "send", "clientMessageId", "same", "to", carol.value(), "body", "c"));
            String toCarol = client.socket().nextOfType("accepted", WAIT).get("messageId").asString();

            assertThat(toCarol).isNotEqualTo(toBob);
        }
    }

    @Test
    void chargesBinaryFramesToTheFrameBudget() {
        try (Connected client = this.clients.connect(TestAuth.newUser())) {
            for (int i = 0; i < 300 && !client.socket().isClosed(); i++) {
                try {
                    client.socket().sendBinary(new byte[] { 1, 2, 3 });
                }
                catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }

            TestWebSocket.Closed closed = client.socket().awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1008);
            List<JsonNode> errors = client.socket().drain(Duration.ofMillis(200));
            assertThat(errors).as("answers to refused frames are bounded by the budget").hasSizeLessThan(50);
            assertThat(errors).anyMatch((frame) -> "rate_limited".equals(frame.path("code").asString()));
        }
    }

    @Test
    void chargesPingsToTheFrameBudget() {
        try (Connected client = this.clients.connect(TestAuth.newUser())) {
            client.socket().sendPing(new byte[] { 42 });
            await().atMost(WAIT).until(() -> client.socket().pongs() == 1);
            for (int i = 0; i < 300 && !client.socket().isClosed(); i++) {
                try {
                    client.socket().sendPing(new byte[] { 7 });
                }
                catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }

            TestWebSocket.Closed closed = client.socket().awaitClose(WAIT);
            assertThat(closed.code()).isEqualTo(1008);
            assertThat(client.socket().pongs()).as("pongs only for pings within the budget").isLessThan(50);
        }
    }

    @Test
    void turnsAcksAndReadMarksIntoReceiptsForThePeer() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        ConversationId conversation = ConversationId.direct(alice, bob);
        MessageId one = MessageId.derive(alice, conversation, UUID.randomUUID().toString());
        try (Connected client = this.clients.connect(bob); KafkaProbe probe = new KafkaProbe(Topics.MESSAGE_RECEIPTS)) {
            client.socket()
                .sendJson(Map.of("type", "ack", "conversationId", conversation.value(), "messageIds",
                        List.of(one.toString())));
            client.socket()
                .sendJson(Map.of("type", "read", "conversationId", conversation.value(), "upToMessageId",
                        one.toString()));

            MessagesDelivered delivered = (MessagesDelivered) probe
                .await((event) -> event instanceof MessagesDelivered d && d.recipientId().equals(bob), 1)
                .get(0)
                .value();
            MessagesRead read = (MessagesRead) probe
                .await((event) -> event instanceof MessagesRead r && r.recipientId().equals(bob), 1)
                .get(0)
                .value();
            assertThat(delivered.senderId()).isEqualTo(alice);
            assertThat(delivered.messageIds()).containsExactly(one);
            assertThat(read.senderId()).isEqualTo(alice);
            assertThat(read.upToMessageId()).isEqualTo(one);
        }
    }

    @Test
    void turnsTypingIntoAnEphemeralEvent() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.TYPING)) {
            client.socket().sendJson(Map.of("type", "typing", "to", bob.value()));

            UserTyping typing = (UserTyping) probe
                .await((event) -> event instanceof UserTyping t && t.senderId().equals(alice), 1)
                .get(0)
                .value();
            assertThat(typing.recipientId()).isEqualTo(bob);
        }
    }

    private static void assertError(TestWebSocket socket, String code, String clientMessageId) {
        JsonNode error = socket.nextOfType("error", WAIT);
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        if (clientMessageId != null) {
            assertThat(error.get("clientMessageId").asString()).isEqualTo(clientMessageId);
        }
    }

}
