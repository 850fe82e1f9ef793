package dev.switchboard.message.routing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.message.GatewayNodes;
import dev.switchboard.message.GatewayNodes.Node;
import dev.switchboard.message.MessageIntegrationTest;
import dev.switchboard.message.Traffic;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.Delivery;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.UserTyping;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MessageIntegrationTest
class RoutingIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    GatewayNodes nodes;

    Traffic traffic;

    @BeforeEach
    void fixtures() {
        this.nodes = new GatewayNodes(this.redis);
        this.traffic = new Traffic(this.kafka);
    }

    @Test
    void routesAMessageToTheNodeOfItsRecipient() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node node = this.nodes.start()) {
            node.connect(bob);
            MessageSent message = Traffic.message(alice, bob, "hello");

            this.traffic.send(message);

            List<Delivery> delivered = awaitDeliveries(node, 1);
            assertThat(delivered).containsExactly(new Delivery(bob, message));
        }
    }

    @Test
    void routesToEveryNodeOfARecipientWithSeveralDevicesAndToTheSendersOtherDevices() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node phone = this.nodes.start();
                Node laptop = this.nodes.start();
                Node alicesTablet = this.nodes.start()) {
            phone.connect(bob);
            laptop.connect(bob);
            alicesTablet.connect(alice);
            MessageSent message = Traffic.message(alice, bob, "to all devices");

            this.traffic.send(message);

            assertThat(awaitDeliveries(phone, 1)).containsExactly(new Delivery(bob, message));
            assertThat(awaitDeliveries(laptop, 1)).containsExactly(new Delivery(bob, message));
            assertThat(awaitDeliveries(alicesTablet, 1)).containsExactly(new Delivery(alice, message));
        }
    }

    @Test
    void routesAWithheldMessageToTheSendersOtherDevicesOnlyNeverToTheRecipient() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        double offlineBefore = this.meters.counter("switchboard.message.offline.recipients").count();
        try (Node bobsNode = this.nodes.start(); Node alicesTablet = this.nodes.start()) {
            bobsNode.connect(bob);
            alicesTablet.connect(alice);
            MessageSent withheld = Traffic.message(alice, bob, "bob blocks alice").withheldFromRecipient();
            MessageSent after = Traffic.message(bob, alice, "bob still writes");

            this.traffic.send(withheld, after);

            assertThat(awaitDeliveries(alicesTablet, 2)).containsExactly(new Delivery(alice, withheld),
                    new Delivery(alice, after));
            assertThat(bobsNode.delivered(Duration.ofSeconds(1))).as("bob's node: only his own message")
                .containsExactly(new Delivery(bob, after));
            assertThat(this.meters.counter("switchboard.message.offline.recipients").count())
                .as("a withheld message has no recipient to be offline")
                .isEqualTo(offlineBefore);
        }
    }

    @Test
    void routesNothingBackToTheSessionThatSentAMessage() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node alicesPhone = this.nodes.start(); Node bobsNode = this.nodes.start()) {
            MessageSent message = Traffic.message(alice, bob, "from my only device");
            alicesPhone.connect(alice, message.senderSessionId());
            bobsNode.connect(bob);

            this.traffic.send(message);

            assertThat(awaitDeliveries(bobsNode, 1)).containsExactly(new Delivery(bob, message));
            assertThat(alicesPhone.delivered(Duration.ofSeconds(1))).as("the sender's only session got accepted")
                .isEmpty();
        }
    }

    @Test
    void routesNothingForAnOfflineRecipient() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        double offlineBefore = this.meters.counter("switchboard.message.offline.recipients").count();
        try (Node bystander = this.nodes.start()) {
            bystander.connect(TestAuth.newUser());

            this.traffic.send(Traffic.message(alice, bob, "nobody home"));

            await().atMost(WAIT)
                .until(() -> this.meters.counter("switchboard.message.offline.recipients").count() > offlineBefore);
            assertThat(bystander.delivered(Duration.ofMillis(500))).isEmpty();
        }
    }

    @Test
    void ignoresANodeWhoseHeartbeatEnded() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node live = this.nodes.start(); Node dead = this.nodes.start()) {
            live.connect(bob);
            dead.connect(bob);
            dead.die();
            MessageSent message = Traffic.message(alice, bob, "only the living");

            this.traffic.send(message);

            assertThat(awaitDeliveries(live, 1)).containsExactly(new Delivery(bob, message));
            assertThat(dead.delivered(Duration.ofSeconds(1))).isEmpty();
        }
    }

    @Test
    void routesReceiptsBackToTheSender() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node alicesNode = this.nodes.start(); Node bobsNode = this.nodes.start()) {
            alicesNode.connect(alice);
            bobsNode.connect(bob);
            MessageSent message = Traffic.message(alice, bob, "did you get it?");
            MessagesDelivered delivered = Traffic.delivered(message);
            MessagesRead read = Traffic.read(message);

            this.traffic.send(delivered, read);

            assertThat(awaitDeliveries(alicesNode, 2)).containsExactly(new Delivery(alice, delivered),
                    new Delivery(alice, read));
            assertThat(awaitDeliveries(bobsNode, 1))
                .as("the reader's sessions, the one that read included, learn of the read")
                .containsExactly(new Delivery(bob, read));
        }
    }

    @Test
    void routesTypingToAnOnlineRecipientAndDropsItOtherwise() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        double droppedBefore = this.meters.counter("switchboard.message.typing.dropped").count();
        try (Node node = this.nodes.start()) {
            node.connect(bob);
            UserTyping toBob = Traffic.typing(alice, bob);

            this.traffic.send(Traffic.typing(alice, carol), toBob);

            assertThat(awaitDeliveries(node, 1)).containsExactly(new Delivery(bob, toBob));
            await().atMost(WAIT)
                .until(() -> this.meters.counter("switchboard.message.typing.dropped").count() > droppedBefore);
        }
    }

    @Test
    void keepsTheOrderOfAConversation() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        try (Node node = this.nodes.start()) {
            node.connect(bob);
            List<MessageSent> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(Traffic.message(alice, bob, "m" + i));
            }

            sent.forEach((message) -> this.kafka.send(Topics.SEND_MESSAGE, message.conversationId().value(), message));
            this.kafka.flush();

            assertThat(awaitDeliveries(node, 100)).extracting((delivery) -> ((MessageSent) delivery.event()).body())
                .containsExactlyElementsOf(sent.stream().map(MessageSent::body).toList());
            assertThat(node.records()).as("deliveries of one routed batch share a record").isLessThan(100);
        }
    }

    @Test
    void deadLettersAPoisonRecordAndRoutesWhatFollows() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        String marker = UUID.randomUUID().toString();
        try (Node node = this.nodes.start()) {
            node.connect(bob);
            MessageSent after = Traffic.message(alice, bob, "after the poison");
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(Topics.SEND_MESSAGE, after.conversationId().value(),
                        ("{\"type\":\"message.sent\",\"marker\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8)))
                    .get();
            }
            this.traffic.send(after);

            assertThat(awaitDeliveries(node, 1)).containsExactly(new Delivery(bob, after));
            assertThat(deadLettersContaining(marker)).hasSize(1);
        }
    }

    private static List<Delivery> awaitDeliveries(Node node, int count) {
        List<Delivery> delivered = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            delivered.clear();
            delivered.addAll(node.delivered(Duration.ofMillis(200)));
            return delivered.size() >= count;
        });
        return delivered;
    }

    private static List<String> deadLettersContaining(String marker) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "dlt-" + marker, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.SEND_MESSAGE)));
            List<String> found = new ArrayList<>();
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    if (value.contains(marker)) {
                        found.add(value);
                    }
                }
                return !found.isEmpty();
            });
            return found;
        }
    }

}
