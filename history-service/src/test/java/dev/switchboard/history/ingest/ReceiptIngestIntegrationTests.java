package dev.switchboard.history.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.event.MessagesDelivered;
import dev.switchboard.model.event.MessagesRead;
import dev.switchboard.model.event.ReceiptEvent;
import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.support.kafka.EventDeserializer;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@HistoryIntegrationTest
class ReceiptIngestIntegrationTests {

    @Autowired
    Traffic traffic;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    StoredRows stored;

    @BeforeEach
    void tables() {
        this.stored = new StoredRows(this.jdbc);
    }

    @Test
    void marksMessagesDeliveredOnceAndTellsTheSender() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent one = Traffic.message(alice, bob, "one");
        MessageSent two = Traffic.message(alice, bob, "two");
        MessageSent marker = Traffic.message(alice, bob, "marker");
        this.traffic.sendAndAwaitStored(one, two, marker);

        MessagesDelivered first = Traffic.delivered(one, two);
        this.traffic.send(first, Traffic.delivered(one));

        await().atMost(Duration.ofSeconds(20))
            .until(() -> this.stored.deliveredAt(one) != null && this.stored.deliveredAt(two) != null);
        assertThat(this.stored.deliveredAt(one)).isEqualTo(first.deliveredAt());
        await().atMost(Duration.ofSeconds(20)).until(() -> this.stored.feedEntries(alice, "delivered") == 1);

        // One conversation is one partition: once the marker's receipt is applied, the
        // duplicate sent before it has been applied too.
        this.traffic.send(Traffic.delivered(marker));
        await().atMost(Duration.ofSeconds(20)).until(() -> this.stored.deliveredAt(marker) != null);
        assertThat(this.stored.deliveredAt(one)).as("the first receipt counts").isEqualTo(first.deliveredAt());
        assertThat(this.stored.feedEntries(alice, "delivered")).as("the duplicate told nobody, the marker once")
            .isEqualTo(2);
    }

    @Test
    void readMarksEveryEarlierMessageReadAndClearsTheUnreadCount() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent one = Traffic.message(alice, bob, "one");
        MessageSent two = Traffic.message(alice, bob, "two");
        MessageSent three = Traffic.message(alice, bob, "three");
        MessageSent reply = Traffic.message(bob, alice, "reply");
        this.traffic.sendAndAwaitStored(one, two, three, reply);
        assertThat(this.stored.unread(bob, one)).isEqualTo(3);

        this.traffic.send(Traffic.readUpTo(two));

        await().atMost(Duration.ofSeconds(20)).until(() -> this.stored.unread(bob, one) == 1);
        assertThat(this.stored.readAt(one)).isNotNull();
        assertThat(this.stored.readAt(two)).isNotNull();
        assertThat(this.stored.readAt(three)).isNull();
        assertThat(this.stored.deliveredAt(one)).as("read implies delivered").isNotNull();
        assertThat(this.stored.feedEntries(alice, "read")).isEqualTo(1);
        assertThat(this.stored.feedEntries(bob, "read")).as("the reader's other devices learn it too").isEqualTo(1);
    }

    @Test
    void ignoresReceiptsFromSomeoneWhoIsNotTheRecipient() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId mallory = TestAuth.newUser();
        MessageSent message = Traffic.message(alice, bob, "for bob only");
        this.traffic.sendAndAwaitStored(message);
        MessagesDelivered spoofed = new MessagesDelivered(message.conversationId(), alice, mallory,
                List.of(message.messageId()), Instant.now());
        MessageSent marker = Traffic.message(alice, bob, "after the spoof");

        this.traffic.send(spoofed);
        this.traffic.sendAndAwaitStored(marker);
        this.traffic.send(Traffic.delivered(marker));

        await().atMost(Duration.ofSeconds(20)).until(() -> this.stored.deliveredAt(marker) != null);
        assertThat(this.stored.deliveredAt(message)).isNull();
    }

    @Test
    void waitsForAMessageThatItsReceiptOvertook() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent message = Traffic.message(alice, bob, "slow to store");
        this.listeners.getListenerContainer(MessageIngestListener.ID).stop();
        try {
            double retriesBefore = receiptRetries();
            this.traffic.send(message);
            this.traffic.send(Traffic.delivered(message));
            await().atMost(Duration.ofSeconds(20))
                .alias("the receipt waited for its message, gave up and is retried")
                .until(() -> receiptRetries() > retriesBefore);
            assertThat(this.stored.messages(message)).isZero();
        }
        finally {
            this.listeners.getListenerContainer(MessageIngestListener.ID).start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> this.stored.deliveredAt(message) != null);
    }

    @Test
    void ignoresAReceiptForAMessageThatNeverExisted() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent real = Traffic.message(alice, bob, "real");
        this.traffic.sendAndAwaitStored(real);
        MessagesDelivered bogus = new MessagesDelivered(real.conversationId(), alice, bob,
                List.of(MessageId.derive(alice, real.conversationId(), "never-sent")), Instant.now());

        this.traffic.send(bogus, Traffic.delivered(real));

        await().atMost(Duration.ofSeconds(20)).until(() -> this.stored.deliveredAt(real) != null);
    }

    @Test
    void tellsTheSendersOnlyWhatTheReceiptsChanged() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId mallory = TestAuth.newUser();
        MessageSent one = Traffic.message(alice, bob, "one");
        MessageSent two = Traffic.message(alice, bob, "two");
        MessageSent bobsOwn = Traffic.message(bob, alice, "bob's own");
        this.traffic.sendAndAwaitStored(one, two, bobsOwn);
        try (KafkaConsumer<String, SwitchboardEvent> storedReceipts = storedReceiptsConsumer()) {
            this.traffic.send(Traffic.delivered(one, two), Traffic.delivered(one),
                    // not the recipient
                    new MessagesDelivered(one.conversationId(), alice, mallory, List.of(one.messageId()),
                            Instant.now()),
                    // a message of bob's own, acknowledged by bob as if alice had sent it
                    new MessagesDelivered(one.conversationId(), alice, bob, List.of(bobsOwn.messageId()),
                            Instant.now()),
                    Traffic.readUpTo(two), Traffic.readUpTo(one));

            List<ReceiptEvent> told = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                storedReceipts.poll(Duration.ofMillis(200)).forEach((record) -> {
                    if (record.value() instanceof ReceiptEvent receipt
                            && receipt.conversationId().equals(one.conversationId())) {
                        told.add(receipt);
                    }
                });
                assertThat(told).anyMatch(MessagesRead.class::isInstance);
            });
            assertThat(storedReceipts.poll(Duration.ofMillis(500))).as("nothing more").isEmpty();
            assertThat(told).hasSize(2);
            MessagesDelivered delivered = (MessagesDelivered) told.get(0);
            assertThat(delivered.senderId()).isEqualTo(alice);
            assertThat(delivered.recipientId()).isEqualTo(bob);
            assertThat(delivered.messageIds()).containsExactlyInAnyOrder(one.messageId(), two.messageId());
            MessagesRead read = (MessagesRead) told.get(1);
            assertThat(read.upToMessageId()).isEqualTo(two.messageId());
            assertThat(read.recipientId()).isEqualTo(bob);
        }
    }

    private static KafkaConsumer<String, SwitchboardEvent> storedReceiptsConsumer() {
        KafkaConsumer<String, SwitchboardEvent> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "stored-receipts-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new EventDeserializer());
        consumer.subscribe(List.of(Topics.RECEIPTS_STORED));
        // Joined and positioned at the end before anything is sent.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private double receiptRetries() {
        Counter counter = this.meters.find("switchboard.kafka.retries")
            .tags("topic", Topics.MESSAGE_RECEIPTS, "kind", "transient")
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

}
