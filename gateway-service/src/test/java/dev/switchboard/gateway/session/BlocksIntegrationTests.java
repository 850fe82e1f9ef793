package dev.switchboard.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.Clients.Connected;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.KafkaProbe;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.BlocksChanged;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender whom the recipient blocks: the message is accepted (after Kafka's ack, as any
 * other) and marked withheld from the recipient, so nothing tells the sender of the
 * block; typing to the blocker is not sent. A {@link BlocksChanged} event makes the
 * gateway ask the directory again, so a block holds from the next message on.
 */
@GatewayIntegrationTest
class BlocksIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

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
    void acceptsABlockedSendersMessageAndWithholdsItFromTheRecipient() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        TestAuth.block(bob, alice);
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            send(client, bob, "b-1");

            assertThat(client.socket().nextOfType("accepted", WAIT).get("clientMessageId").asString()).isEqualTo("b-1");
            MessageSent sent = sent(probe, "b-1");
            assertThat(sent.withheld()).isTrue();
            assertThat(sent.senderId()).isEqualTo(alice);
        }
    }

    @Test
    void doesNotSendTypingToAUserWhoBlocksTheTypist() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        TestAuth.block(bob, alice);
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.TYPING)) {
            client.socket().sendJson(Map.of("type", "typing", "to", bob.value()));
            client.socket().sendJson(Map.of("type", "typing", "to", carol.value()));

            assertThat(
                    probe.await((event) -> event instanceof UserTyping typing && typing.recipientId().equals(carol), 1))
                .hasSize(1);
            assertThat(probe.during((event) -> event instanceof UserTyping typing && typing.recipientId().equals(bob),
                    Duration.ofSeconds(1)))
                .isEmpty();
        }
    }

    @Test
    void holdsABlockFromTheNextMessageOnceTheGatewayHearsOfIt() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Connected client = this.clients.connect(alice); KafkaProbe probe = new KafkaProbe(Topics.SEND_MESSAGE)) {
            send(client, bob, "before");
            assertThat(sent(probe, "before").withheld()).as("remembered: bob blocks nobody").isFalse();

            TestAuth.block(bob, alice);
            this.kafka.send(Topics.AUTH_REVOCATIONS, bob.toString(), new BlocksChanged(bob, Instant.now())).join();

            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean withheld = false;
            for (int i = 0; !withheld && System.nanoTime() < deadline; i++) {
                send(client, bob, "after-" + i);
                withheld = sent(probe, "after-" + i).withheld();
            }
            assertThat(withheld).as("a message after the event is withheld").isTrue();
        }
    }

    private static void send(Connected client, UserId to, String clientMessageId) {
        client.socket()
            .sendJson(Map.of("type", "send", "clientMessageId", clientMessageId, "to", to.value(), "body", "hello"));
    }

    private static MessageSent sent(KafkaProbe probe, String clientMessageId) {
        return (MessageSent) probe
            .await((event) -> event instanceof MessageSent m && m.clientMessageId().equals(clientMessageId), 1)
            .get(0)
            .value();
    }

}
