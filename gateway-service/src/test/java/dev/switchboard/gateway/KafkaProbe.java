package dev.switchboard.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.switchboard.model.event.SwitchboardEvent;
import dev.switchboard.support.kafka.EventDeserializer;
import dev.switchboard.test.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Reads what the gateway wrote to a topic, from the beginning, keeping the records a test
 * is about (tests use fresh users, so their records are theirs alone).
 */
public final class KafkaProbe implements AutoCloseable {

    private final KafkaConsumer<String, SwitchboardEvent> consumer;

    private final List<ConsumerRecord<String, SwitchboardEvent>> seen = new ArrayList<>();

    public KafkaProbe(String topic) {
        this.consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ErrorHandlingDeserializer<>(new EventDeserializer()));
        this.consumer.subscribe(List.of(topic));
    }

    /**
     * Waits until records matching a condition arrived.
     * @param matching the condition
     * @param count how many
     * @return every matching record so far
     */
    public List<ConsumerRecord<String, SwitchboardEvent>> await(Predicate<SwitchboardEvent> matching, int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            poll(Duration.ofMillis(100));
            return matching(matching).size() >= count;
        });
        return matching(matching);
    }

    /**
     * Everything matching that arrives within a time.
     * @param matching the condition
     * @param window how long to read
     * @return the records
     */
    public List<ConsumerRecord<String, SwitchboardEvent>> during(Predicate<SwitchboardEvent> matching,
            Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return matching(matching);
    }

    private void poll(Duration timeout) {
        this.consumer.poll(timeout).forEach(this.seen::add);
    }

    private List<ConsumerRecord<String, SwitchboardEvent>> matching(Predicate<SwitchboardEvent> condition) {
        return this.seen.stream().filter((record) -> record.value() != null && condition.test(record.value())).toList();
    }

    @Override
    public void close() {
        this.consumer.close();
    }

}
