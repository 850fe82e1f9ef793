package dev.switchboard.history.fence;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.switchboard.test.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The fence against a real broker: a group that has committed everything passes it, a
 * group behind does not, and the shared request for end offsets never gets stuck.
 */
class PersistenceFenceTests {

    private final String topic = "fence-" + UUID.randomUUID();

    private final String group = "fence-group-" + UUID.randomUUID();

    private Admin admin;

    @BeforeEach
    void topicWithRecords() throws Exception {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()));
        this.admin.createTopics(List.of(new NewTopic(this.topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(this.topic, i % 2, null, "record " + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterEach
    void close() {
        this.admin.close();
    }

    @Test
    void aGroupThatCommittedEverythingPassesAndOneBehindDoesNot() throws Exception {
        commit(Map.of(0, 5L, 1, 4L));
        try (PersistenceFence fence = new PersistenceFence(this.admin, this.group, new SimpleMeterRegistry())) {
            assertThatExceptionOfType(CatchingUpException.class)
                .isThrownBy(() -> fence.await(List.of(this.topic), Duration.ofMillis(500)))
                .withMessageContaining(this.topic + "-1 stored up to 4 of 5");
            commit(Map.of(0, 5L, 1, 5L));
            assertThatNoException().isThrownBy(() -> fence.await(List.of(this.topic), Duration.ofSeconds(10)));
        }
    }

    /**
     * Retention may trim a partition under a group that never committed on it (a new
     * group, or one whose offsets expired): no record is left to store, none will come
     * for the group to commit, and the fence must not wait for one.
     */
    @Test
    void aPartitionTrimmedToItsEndCountsAsCaughtUp() throws Exception {
        commit(Map.of(0, 5L));
        try (PersistenceFence fence = new PersistenceFence(this.admin, this.group, new SimpleMeterRegistry())) {
            assertThatExceptionOfType(CatchingUpException.class)
                .isThrownBy(() -> fence.await(List.of(this.topic), Duration.ofMillis(500)))
                .withMessageContaining(this.topic + "-1 stored up to none of 5");
        }
        this.admin.deleteRecords(Map.of(new TopicPartition(this.topic, 1), RecordsToDelete.beforeOffset(5)))
            .all()
            .get(30, TimeUnit.SECONDS);
        // A fence of its own: one that asked before learns the new start within 30 s.
        try (PersistenceFence fence = new PersistenceFence(this.admin, this.group, new SimpleMeterRegistry())) {
            assertThatNoException().isThrownBy(() -> fence.await(List.of(this.topic), Duration.ofSeconds(10)));
        }
    }

    @Test
    void aPartitionTrimmedOnlyInPartIsStillWaitedFor() throws Exception {
        commit(Map.of(0, 5L));
        this.admin.deleteRecords(Map.of(new TopicPartition(this.topic, 1), RecordsToDelete.beforeOffset(3)))
            .all()
            .get(30, TimeUnit.SECONDS);
        try (PersistenceFence fence = new PersistenceFence(this.admin, this.group, new SimpleMeterRegistry())) {
            assertThatExceptionOfType(CatchingUpException.class)
                .isThrownBy(() -> fence.await(List.of(this.topic), Duration.ofMillis(500)))
                .withMessageContaining(this.topic + "-1 stored up to none of 5");
        }
    }

    /**
     * Kafka may answer a request for end offsets before the fence has noted that the
     * request is out. The worker here runs what it is given at once, on the caller's
     * thread, so every answer comes that early: a fence that loses such an answer keeps
     * the finished request "in flight", and the next wait never ends.
     */
    @Test
    void endOffsetsThatAnswerAtOnceDoNotStallTheWaitsAfterThem() throws Exception {
        commit(Map.of(0, 5L, 1, 5L));
        try (PersistenceFence fence = new PersistenceFence(this.admin, this.group, new SimpleMeterRegistry(),
                new RunsAtOnce())) {
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                fence.await(List.of(this.topic), Duration.ofSeconds(5));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        }
    }

    private void commit(Map<Integer, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = new java.util.HashMap<>();
        offsets.forEach((partition, offset) -> committed.put(new TopicPartition(this.topic, partition),
                new OffsetAndMetadata(offset)));
        this.admin.alterConsumerGroupOffsets(this.group, committed).all().get(30, TimeUnit.SECONDS);
    }

    /** Runs submitted work on the caller's thread; schedules as usual. */
    private static final class RunsAtOnce extends ScheduledThreadPoolExecutor {

        RunsAtOnce() {
            super(1);
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }

    }

}
