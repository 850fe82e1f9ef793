package dev.switchboard.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault 8. A record that is not JSON lands on every topic a Switchboard service consumes,
 * in the partition the conversation's own traffic uses: each consumer moves it to
 * {@code <topic>.DLT} and goes on with the records behind it.
 */
class PoisonRecordSystemTests {

    private static final List<String> TOPICS = List.of(Topics.SEND_MESSAGE, Topics.MESSAGE_RECEIPTS,
            Topics.RECEIPTS_STORED, Topics.TYPING, Topics.AUTH_REVOCATIONS, Topics.gateway("gw-1"));

    @Test
    void deadLettersAPoisonRecordOnEveryTopicAndGoesOn() throws Exception {
        User alice = User.register();
        User bob = User.register();
        String conversation = ConversationId.direct(alice.id(), bob.id()).value();
        Map<String, String> poison = new LinkedHashMap<>();
        TOPICS.forEach((topic) -> poison.put(topic, "{not json " + UUID.randomUUID()));
        try (ChatClient a = new ChatClient(alice, false); ChatClient b = new ChatClient(bob, true)) {
            a.connect(1);
            b.connect(1);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemStack.stack().kafkaBootstrapServers(),
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                for (Map.Entry<String, String> entry : poison.entrySet()) {
                    producer.send(new ProducerRecord<>(entry.getKey(), conversation, entry.getValue()))
                        .get(10, TimeUnit.SECONDS);
                }
            }
            List<String> sent = IntStream.range(0, 30).mapToObj((i) -> "after poison " + i).toList();
            sent.forEach((body) -> a.send(bob.id(), body));
            await().atMost(Duration.ofSeconds(30)).until(() -> b.bodiesFrom(alice.id()).size() >= sent.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> !a.receipts().isEmpty());
            List<String> acceptOrder = History.bodiesOnceStored(alice, bob.id(), sent.size());
            Report report = Report.of("F8 poison records on every topic", sent, acceptOrder, b.bodiesFrom(alice.id()),
                    b.messageFrames(), b.repeats());
            assertThat(report.perfect()).isTrue();

            Map<String, Integer> deadLettered = new LinkedHashMap<>();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (Map.Entry<String, String> entry : poison.entrySet()) {
                    deadLettered.put(entry.getKey(), count(Topics.deadLetter(entry.getKey()), entry.getValue()));
                }
                assertThat(deadLettered.values())
                    .as("copies of each poison record in its topic's DLT: %s", deadLettered)
                    .allMatch((copies) -> copies > 0);
            });
            System.out.println("[system] F8 poison records: dead-lettered " + deadLettered
                    + " (one copy per consumer group of the topic); " + sent.size()
                    + " messages after them delivered, stored and receipted");
        }
    }

    private static int count(String deadLetterTopic, String value) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SystemStack.stack().kafkaBootstrapServers(),
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false))) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach((info) -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            int copies = 0;
            while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (value.equals(record.value())) {
                        copies++;
                    }
                }
            }
            return copies;
        }
    }

}
