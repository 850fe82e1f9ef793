package dev.switchboard.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared error handling, on a real broker, as every batch listener of every service
 * uses it: a record that keeps failing is dead-lettered after the configured retries and
 * its partition goes on; a poison record is dead-lettered at once; a transient failure is
 * waited out without losing anything.
 */
@SpringBootTest(classes = DeadLettersIntegrationTests.App.class,
        properties = { "spring.kafka.consumer.group-id=dead-letters-test",
                "spring.kafka.consumer.auto-offset-reset=earliest", "spring.kafka.listener.type=batch",
                "spring.kafka.consumer.key-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "spring.kafka.consumer.value-deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.StringSerializer",
                "switchboard.kafka.retry.initial-interval=20ms", "switchboard.kafka.retry.max-interval=100ms",
                "switchboard.kafka.retry.max-retries=2",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}" })
@EmbeddedKafka(partitions = 1)
@ExtendWith(OutputCaptureExtension.class)
class DeadLettersIntegrationTests {

    static final String TOPIC = "dead-letters-test";

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Store store;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void deadLettersARecordThatTheStoreRefusesAfterItsRetriesAndStoresTheRest(CapturedOutput output) {
        String before = newValue();
        String refused = "refuse:" + newValue();
        String after = newValue();

        send(before, refused, after);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.store.stored).contains(after));
        assertThat(this.store.stored).contains(before).doesNotContain(refused);
        // Tried alone (after its batch failed) at the first delivery and at each of the
        // two
        // retries, then dead-lettered.
        assertThat(this.store.attemptsAlone.get(refused).get()).isEqualTo(3);
        assertThat(deadLetters()).contains(refused).doesNotContain(before, after);
        assertThat(
                this.meters.get("switchboard.kafka.retries").tags("topic", TOPIC, "kind", "failure").counter().count())
            .isGreaterThanOrEqualTo(2);
        assertThat(output).contains("Failed to process " + TOPIC).contains("WARN");
    }

    @Test
    void deadLettersAPoisonRecordAtOnce() {
        String poison = "poison:" + newValue();
        String after = newValue();

        send(poison, after);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.store.stored).contains(after));
        assertThat(this.store.attempts).doesNotContainKey(poison);
        assertThat(deadLetters()).contains(poison);
    }

    @Test
    void waitsOutATransientFailureWithoutDeadLettering() {
        String flaky = "unavailable-twice:" + newValue();
        String after = newValue();

        send(flaky, after);

        await().atMost(Duration.ofSeconds(20))
            .untilAsserted(() -> assertThat(this.store.stored).contains(flaky, after));
        assertThat(this.store.attempts.get(flaky).get()).isGreaterThanOrEqualTo(3);
        assertThat(deadLetters()).doesNotContain(flaky);
    }

    private void send(String... values) {
        // One partition and one flush: the records arrive in one poll batch.
        for (String value : values) {
            this.kafka.send(TOPIC, "key", value);
        }
        this.kafka.flush();
    }

    private List<String> deadLetters() {
        Map<String, Object> config = KafkaTestUtils.consumerProps(this.broker.getBrokersAsString(),
                "dlt-reader-" + UUID.randomUUID(), false);
        config.put("key.deserializer", StringDeserializer.class);
        config.put("value.deserializer", StringDeserializer.class);
        config.put("auto.offset.reset", "earliest");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(Topics.deadLetter(TOPIC)));
            List<String> values = new CopyOnWriteArrayList<>();
            KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(5)).forEach((record) -> values.add(record.value()));
            return values;
        }
    }

    private static String newValue() {
        return UUID.randomUUID().toString();
    }

    /**
     * A store in the way history's is: it refuses some records for good (the whole batch
     * with them), is unavailable for a while for others.
     */
    static class Store {

        final List<String> stored = new CopyOnWriteArrayList<>();

        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        final Map<String, AtomicInteger> attemptsAlone = new ConcurrentHashMap<>();

        void store(List<String> values) {
            if (values.size() == 1) {
                this.attemptsAlone.computeIfAbsent(values.get(0), (key) -> new AtomicInteger()).incrementAndGet();
            }
            for (String value : values) {
                int attempt = this.attempts.computeIfAbsent(value, (key) -> new AtomicInteger()).incrementAndGet();
                if (value.startsWith("refuse:")) {
                    throw new DataIntegrityViolationException("ERROR: invalid byte sequence for encoding \"UTF8\"");
                }
                if (value.startsWith("unavailable-twice:") && attempt <= 2) {
                    throw TransientFailures
                        .classify(new DataAccessResourceFailureException("Connection to the database refused"));
                }
            }
            this.stored.addAll(values);
        }

    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        KafkaAdmin.NewTopics topics() {
            return new KafkaAdmin.NewTopics(new NewTopic(TOPIC, 1, (short) 1),
                    new NewTopic(Topics.deadLetter(TOPIC), 1, (short) 1));
        }

        @Bean
        Store store() {
            return new Store();
        }

        @Bean
        Listener listener(Store store) {
            return new Listener(store);
        }

    }

    static class Listener {

        private final Store store;

        Listener(Store store) {
            this.store = store;
        }

        @KafkaListener(topics = TOPIC)
        void onRecords(List<ConsumerRecord<String, String>> records) {
            KafkaEvents.process(records, (record) -> {
                if (record.value().startsWith("poison:")) {
                    throw new PoisonRecordException("Not a valid value", null);
                }
                return record.value();
            }, this.store::store);
        }

    }

}
