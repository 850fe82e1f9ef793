package dev.switchboard.history.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.switchboard.history.HistoryApi;
import dev.switchboard.history.HistoryIntegrationTest;
import dev.switchboard.history.Traffic;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.json.SwitchboardJson;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@HistoryIntegrationTest
class MessageIngestIntegrationTests {

    @Autowired
    Traffic traffic;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Admin admin;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HistoryApi api;

    StoredRows stored;

    @BeforeEach
    void tables() {
        this.stored = new StoredRows(this.jdbc);
    }

    @Test
    void storesTheSameRecordOnceWhenKafkaDeliversItTwice() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent message = Traffic.message(alice, bob, "hello");

        this.traffic.send(message, message);
        MessageSent after = Traffic.message(alice, bob, "after");
        this.traffic.sendAndAwaitStored(after);

        assertThat(this.stored.messages(message)).isEqualTo(1);
        assertThat(this.stored.feedEntries(bob)).isEqualTo(2);
        assertThat(this.stored.feedEntries(alice)).isEqualTo(2);
        assertThat(this.stored.sequencesOf(alice, bob)).containsExactly(1L, 2L);
    }

    @Test
    void storesAResendUnderTheSameClientMessageIdAsOneMessage() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent original = Traffic.message(alice, bob, "are you there?");
        MessageSent resend = Traffic.resendOf(original);

        this.traffic.send(original);
        this.traffic.send(resend);
        this.traffic.sendAndAwaitStored(Traffic.message(alice, bob, "later"));

        assertThat(this.stored.messages(original)).isEqualTo(1);
        assertThat(this.jdbc.sql("SELECT sent_at FROM history.message WHERE id = :id")
            .param("id", original.messageId().value())
            .query(java.sql.Timestamp.class)
            .single()
            .toInstant()).as("the first acceptance counts").isEqualTo(original.sentAt());
        assertThat(this.stored.unread(bob, original)).isEqualTo(2);
    }

    @Test
    void storesNothingTwiceWhenTheOffsetsAreResetAndEverythingIsReadAgain() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        List<MessageSent> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            messages.add(Traffic.message((i % 2 == 0) ? alice : bob, (i % 2 == 0) ? bob : alice, "m" + i));
        }
        this.traffic.sendAndAwaitStored(messages.toArray(MessageSent[]::new));
        long feedBefore = this.stored.feedEntries(alice) + this.stored.feedEntries(bob);

        this.listeners.stop();
        try {
            resetGroupToEarliest();
        }
        finally {
            this.listeners.start();
        }
        awaitGroupCaughtUp();

        assertThat(this.stored.sequencesOf(alice, bob))
            .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(this.stored.feedEntries(alice) + this.stored.feedEntries(bob)).isEqualTo(feedBefore);
        assertThat(this.stored.unread(bob, messages.get(0))).isEqualTo(10);
    }

    @Test
    void deadLettersPoisonRecordsWithoutBlockingTheirPartition() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent valid = Traffic.message(alice, bob, "still delivered");
        String key = valid.conversationId().value();
        String noBody = SwitchboardJson.newMapper()
            .writeValueAsString(Traffic.message(alice, bob, "x"))
            .replace("\"body\":\"x\",", "");
        String marker = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            producer
                .send(new ProducerRecord<>(Topics.SEND_MESSAGE, key,
                        ("{not json " + marker).getBytes(StandardCharsets.UTF_8)))
                .get();
            producer
                .send(new ProducerRecord<>(Topics.SEND_MESSAGE, key,
                        noBody.replace("{", "{\"marker\":\"" + marker + "\",").getBytes(StandardCharsets.UTF_8)))
                .get();
        }
        this.traffic.sendAndAwaitStored(valid);

        List<ConsumerRecord<String, byte[]>> dead = deadLetters(marker, 2);
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json " + marker);
        assertThat(dead).allSatisfy((record) -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.headers().lastHeader("kafka_dlt-original-topic").value())
                .isEqualTo(Topics.SEND_MESSAGE.getBytes(StandardCharsets.UTF_8));
            assertThat(record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        });
        assertThat(new String(dead.get(1).headers().lastHeader("kafka_dlt-exception-stacktrace").value(),
                StandardCharsets.UTF_8))
            .as("operators see why")
            .contains("body is required");
    }

    @Test
    void deadLettersAMessageWithANulForcedPastTheGatewayAndStoresAndSyncsTheNext() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        String marker = UUID.randomUUID().toString();
        String withNul = SwitchboardJson.newMapper()
            .writeValueAsString(Traffic.message(alice, bob, marker))
            .replace(marker, marker + "\\u0000");
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            producer
                .send(new ProducerRecord<>(Topics.SEND_MESSAGE, ConversationId.direct(alice, bob).value(),
                        withNul.getBytes(StandardCharsets.UTF_8)))
                .get();
        }
        MessageSent next = Traffic.message(alice, bob, "the next one");

        this.traffic.sendAndAwaitStored(next);

        assertThat(
                new String(deadLetters(marker, 1).get(0).headers().lastHeader("kafka_dlt-exception-stacktrace").value(),
                        StandardCharsets.UTF_8))
            .contains("NUL character");
        HttpAnswer sync = this.api.sync(TestAuth.tokenFor(bob), null, null).expectStatus(200);
        assertThat(sync.body().get("messages").findValuesAsString("body")).containsExactly("the next one");
    }

    @Test
    void deadLettersAMessageTheDatabaseRefusesAfterItsRetriesAndStoresTheRest() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        MessageSent before = Traffic.message(alice, bob, "before");
        MessageSent good = Traffic.message(alice, bob, "x");
        // Valid by the contract, but past PostgreSQL's last timestamp: the store refuses
        // the
        // whole batch that holds it, every time.
        MessageSent refused = new MessageSent(good.messageId(), good.clientMessageId(), good.conversationId(), alice,
                bob, "from the far future", Instant.parse("+300000-01-01T00:00:00Z"), "s");
        MessageSent after = Traffic.message(alice, bob, "after");
        double retries = retries("failure");

        this.traffic.send(before, refused, after);
        this.traffic.awaitStored(before, after);

        assertThat(this.stored.messages(refused)).isZero();
        assertThat(deadLetters(refused.messageId().toString(), 1)).hasSize(1);
        assertThat(retries("failure")).as("each retry counted").isGreaterThanOrEqualTo(retries + 3);
        assertThat(this.stored.sequencesOf(alice, bob)).containsExactly(1L, 2L);
    }

    @Test
    void deadLettersAMessageForAUserWhoDoesNotExist() throws Exception {
        UserId alice = TestAuth.newUser();
        UserId nobody = TestAuth.unregisteredUser();
        MessageSent forged = Traffic.message(alice, nobody, "for whoever registers next");
        MessageSent next = Traffic.message(alice, TestAuth.newUser(), "next");

        this.traffic.send(forged);
        this.traffic.sendAndAwaitStored(next);

        assertThat(this.stored.messages(forged)).isZero();
        assertThat(new String(deadLetters(forged.messageId().toString(), 1).get(0)
            .headers()
            .lastHeader("kafka_dlt-exception-message")
            .value(), StandardCharsets.UTF_8)).contains("not a registered user");
    }

    @Test
    void storesAClientMessageIdUsedInTwoConversationsAsTwoMessages() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        UserId carol = TestAuth.newUser();
        MessageSent toBob = withClientId(Traffic.message(alice, bob, "for bob"), "same-id");
        MessageSent toCarol = withClientId(Traffic.message(alice, carol, "for carol"), "same-id");

        this.traffic.sendAndAwaitStored(toBob, toCarol);

        HttpAnswer carolsSync = this.api.sync(TestAuth.tokenFor(carol), null, null).expectStatus(200);
        assertThat(carolsSync.body().get("messages").findValuesAsString("body")).containsExactly("for carol");
        HttpAnswer bobsSync = this.api.sync(TestAuth.tokenFor(bob), null, null).expectStatus(200);
        assertThat(bobsSync.body().get("messages").findValuesAsString("body")).containsExactly("for bob");
    }

    private static MessageSent withClientId(MessageSent message, String clientMessageId) {
        return new MessageSent(MessageId.derive(message.senderId(), message.conversationId(), clientMessageId),
                clientMessageId, message.conversationId(), message.senderId(), message.recipientId(), message.body(),
                message.sentAt(), message.senderSessionId());
    }

    private double retries(String kind) {
        var counter = this.meters.find("switchboard.kafka.retries")
            .tags("topic", Topics.SEND_MESSAGE, "kind", kind)
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

    @Test
    void storesInBatches() {
        UserId alice = TestAuth.newUser();
        UserId bob = TestAuth.newUser();
        List<MessageSent> burst = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            burst.add(Traffic.message(alice, bob, "burst " + i));
        }
        // Earlier tests record into the same summary: only what this burst adds counts.
        DistributionSummary batchSizes = this.meters.get("switchboard.history.batch.size").summary();
        long batchesBefore = batchSizes.count();
        double recordsBefore = batchSizes.totalAmount();

        this.traffic.sendAndAwaitStored(burst.toArray(MessageSent[]::new));

        // A batch's size is recorded before it is stored, so once the burst is stored
        // every batch that carried it is counted.
        long batches = batchSizes.count() - batchesBefore;
        double records = batchSizes.totalAmount() - recordsBefore;
        assertThat(records).as("every message of the burst went through a batch").isGreaterThanOrEqualTo(500);
        assertThat(batches).as("fewer batches than messages").isPositive().isLessThan(500);
        assertThat(this.meters.get("switchboard.history.batch.size").summary().max()).isGreaterThan(1);
        assertThat(this.stored.sequencesOf(alice, bob)).hasSize(500);
        List<String> bodies = this.jdbc
            .sql("SELECT body FROM history.message WHERE conversation_id = :c ORDER BY conversation_seq")
            .param("c", burst.get(0).conversationId().value())
            .query(String.class)
            .list();
        assertThat(bodies).as("stored in the order accepted")
            .containsExactlyElementsOf(burst.stream().map(MessageSent::body).toList());
    }

    private void resetGroupToEarliest() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
        this.admin.describeTopics(List.of(Topics.SEND_MESSAGE))
            .allTopicNames()
            .get()
            .get(Topics.SEND_MESSAGE)
            .partitions()
            .forEach((p) -> earliest.put(new TopicPartition(Topics.SEND_MESSAGE, p.partition()),
                    new OffsetAndMetadata(0)));
        await().atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .untilAsserted(() -> this.admin.alterConsumerGroupOffsets("history-service", earliest).all().get());
    }

    private void awaitGroupCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            this.admin.describeTopics(List.of(Topics.SEND_MESSAGE))
                .allTopicNames()
                .get()
                .get(Topics.SEND_MESSAGE)
                .partitions()
                .forEach(
                        (p) -> latest.put(new TopicPartition(Topics.SEND_MESSAGE, p.partition()), OffsetSpec.latest()));
            var ends = this.admin.listOffsets(latest).all().get();
            var committed = this.admin.listConsumerGroupOffsets("history-service")
                .partitionsToOffsetAndMetadata()
                .get();
            return ends.entrySet()
                .stream()
                .allMatch((end) -> end.getValue().offset() == 0 || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue().offset()));
        });
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String marker, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.SEND_MESSAGE)));
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
                        found.add(record);
                    }
                }
                return found.size() >= expected;
            });
            return found;
        }
    }

}
