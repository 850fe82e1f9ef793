package dev.switchboard.history.fence;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until history-service's consumer group has committed, on every partition of some
 * topics, an offset at least as high as the partition's end offset when the wait began.
 * Offsets are committed only after the rows of their records are (or after a poison
 * record went to its dead-letter topic), so passing the fence means: every record that
 * Kafka had acknowledged before the wait began is in the database.
 *
 * <p>
 * This is what keeps sync and live delivery from letting a message slip between them: a
 * client registers its session first, then syncs; a message accepted before the
 * registration is in the sync (the fence waits for it), and one accepted after it is
 * routed to the session live.
 */
public class PersistenceFence {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    private final String groupId;

    private final Timer waits;

    private static final Duration PARTITIONS_TTL = Duration.ofSeconds(30);

    private volatile Map<String, List<TopicPartition>> partitions = Map.of();

    private volatile long partitionsFetchedAt;

    /**
     * Creates a fence.
     * @param admin a Kafka admin client
     * @param groupId the consumer group whose progress counts
     * @param meters where the wait times go
     */
    public PersistenceFence(Admin admin, String groupId, MeterRegistry meters) {
        this.admin = admin;
        this.groupId = groupId;
        this.waits = Timer.builder("switchboard.history.fence.wait")
            .description("Time a sync or receipt waited for history to store what Kafka had accepted")
            .register(meters);
    }

    /**
     * Waits until everything the topics held when this call began is stored.
     * @param topics the topics
     * @param timeout how long to wait at most
     * @throws CatchingUpException if the store is further behind than the timeout allows,
     * or Kafka cannot be asked
     */
    public void await(Collection<String> topics, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        try {
            Map<TopicPartition, Long> ends = endOffsets(topics);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (ends.entrySet().stream().allMatch((end) -> reached(committed.get(end.getKey()), end.getValue()))) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new CatchingUpException("History is still storing messages accepted before this request");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CatchingUpException("Interrupted while waiting for history to catch up", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new CatchingUpException("Kafka cannot tell how far history has come", ex);
        }
        finally {
            this.waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean reached(OffsetAndMetadata committed, long end) {
        return end == 0 || (committed != null && committed.offset() >= end);
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitionsOf(topics).stream()
            .collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.listOffsets(request)
            .all()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private List<TopicPartition> partitionsOf(Collection<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, List<TopicPartition>> known = this.partitions;
        boolean stale = System.nanoTime() - this.partitionsFetchedAt > PARTITIONS_TTL.toNanos();
        if (stale || !known.keySet().containsAll(topics)) {
            Map<String, TopicDescription> descriptions = this.admin.describeTopics(topics)
                .allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, List<TopicPartition>> updated = new HashMap<>(known);
            descriptions.forEach((name, description) -> updated.put(name,
                    description.partitions()
                        .stream()
                        .map((partition) -> new TopicPartition(name, partition.partition()))
                        .toList()));
            this.partitions = Map.copyOf(updated);
            this.partitionsFetchedAt = System.nanoTime();
            known = this.partitions;
        }
        Map<String, List<TopicPartition>> all = known;
        return topics.stream().flatMap((topic) -> all.get(topic).stream()).toList();
    }

}
