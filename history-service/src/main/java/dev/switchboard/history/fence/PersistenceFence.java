package dev.switchboard.history.fence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>
 * The work is shared, so that however many requests wait, Kafka is asked the same: one
 * request for end offsets at a time (callers that arrive while one is out wait for the
 * next, which starts after they arrived), and one poll of the group's committed offsets
 * every {@value #POLL_MILLIS} ms while anyone waits, on one thread, for all the waiters.
 */
public class PersistenceFence implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PersistenceFence.class);

    private static final long POLL_MILLIS = 20;

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration PARTITIONS_TTL = Duration.ofSeconds(30);

    private final Admin admin;

    private final String groupId;

    private final Timer waits;

    private final ScheduledExecutorService worker;

    // Guarded by this.
    private final Set<String> topics = new LinkedHashSet<>();

    private final List<Waiter> waiters = new ArrayList<>();

    private CompletableFuture<Map<TopicPartition, Long>> endsInFlight;

    private CompletableFuture<Map<TopicPartition, Long>> nextEnds;

    private ScheduledFuture<?> polling;

    // Touched only by the worker thread.
    private Map<String, List<TopicPartition>> partitions = Map.of();

    private long partitionsFetchedAt;

    // Each partition's start offset (where retention has trimmed it to), asked for at
    // most every PARTITIONS_TTL: it moves with retention, not with each record.
    private Map<TopicPartition, Long> starts = Map.of();

    private long startsFetchedAt;

    /**
     * Creates a fence.
     * @param admin a Kafka admin client
     * @param groupId the consumer group whose progress counts
     * @param meters where the wait times go
     */
    public PersistenceFence(Admin admin, String groupId, MeterRegistry meters) {
        this(admin, groupId, meters, Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "persistence-fence");
            thread.setDaemon(true);
            return thread;
        }));
    }

    /**
     * Creates a fence that asks Kafka on a given thread.
     * @param admin a Kafka admin client
     * @param groupId the consumer group whose progress counts
     * @param meters where the wait times go
     * @param worker the one thread that asks Kafka (closed with the fence)
     */
    PersistenceFence(Admin admin, String groupId, MeterRegistry meters, ScheduledExecutorService worker) {
        this.worker = worker;
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
        Waiter waiter = null;
        try {
            Map<TopicPartition, Long> ends = endsFromNow(topics).get(remaining(deadline), TimeUnit.NANOSECONDS);
            Map<TopicPartition, Long> targets = new HashMap<>();
            ends.forEach((partition, end) -> {
                if (topics.contains(partition.topic()) && end > 0) {
                    targets.put(partition, end);
                }
            });
            if (targets.isEmpty()) {
                return;
            }
            waiter = new Waiter(targets);
            enqueue(waiter);
            waiter.reached.get(remaining(deadline), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CatchingUpException("Interrupted while waiting for history to catch up", ex);
        }
        catch (TimeoutException ex) {
            throw new CatchingUpException("History is still storing messages accepted before this request"
                    + ((waiter != null) ? " (" + waiter.behind() + ")" : ""));
        }
        catch (ExecutionException ex) {
            throw new CatchingUpException("Kafka cannot tell how far history has come", ex.getCause());
        }
        finally {
            if (waiter != null) {
                dequeue(waiter);
            }
            this.waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        this.worker.shutdownNow();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /**
     * End offsets asked for after this call: the request in flight started earlier, so a
     * caller that finds one waits for the next.
     */
    private synchronized CompletableFuture<Map<TopicPartition, Long>> endsFromNow(Collection<String> topics) {
        this.topics.addAll(topics);
        if (this.endsInFlight == null) {
            return requestEnds();
        }
        if (this.nextEnds == null) {
            this.nextEnds = new CompletableFuture<>();
        }
        return this.nextEnds;
    }

    /**
     * Starts a request for end offsets and makes it the one in flight. The request is in
     * flight before it runs, and its answer is awaited before it is started, so however
     * fast it answers, its answer clears it (had the request been started first, an
     * answer that came before the field was set would have left a finished request "in
     * flight" for good, and every later caller waiting for a next one that never came).
     */
    private CompletableFuture<Map<TopicPartition, Long>> requestEnds() {
        Set<String> asked = Set.copyOf(this.topics);
        CompletableFuture<Map<TopicPartition, Long>> ends = new CompletableFuture<>();
        this.endsInFlight = ends;
        ends.whenComplete((result, failure) -> endsAnswered(ends));
        try {
            this.worker.execute(() -> {
                try {
                    ends.complete(endOffsets(asked));
                }
                catch (RuntimeException ex) {
                    ends.completeExceptionally(ex);
                }
            });
        }
        catch (RejectedExecutionException ex) {
            ends.completeExceptionally(ex);
        }
        return ends;
    }

    private synchronized void endsAnswered(CompletableFuture<Map<TopicPartition, Long>> answered) {
        if (this.endsInFlight != answered) {
            return;
        }
        this.endsInFlight = null;
        if (this.nextEnds != null) {
            CompletableFuture<Map<TopicPartition, Long>> waiting = this.nextEnds;
            this.nextEnds = null;
            requestEnds().whenComplete((result, failure) -> {
                if (failure != null) {
                    waiting.completeExceptionally(failure);
                }
                else {
                    waiting.complete(result);
                }
            });
        }
    }

    private synchronized void enqueue(Waiter waiter) {
        this.waiters.add(waiter);
        if (this.polling == null) {
            this.polling = this.worker.scheduleWithFixedDelay(this::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void dequeue(Waiter waiter) {
        this.waiters.remove(waiter);
    }

    private synchronized List<Waiter> waiting() {
        if (this.waiters.isEmpty() && this.polling != null) {
            this.polling.cancel(false);
            this.polling = null;
        }
        return List.copyOf(this.waiters);
    }

    // On the worker thread: one question for everyone who waits.
    private void poll() {
        List<Waiter> waiting = waiting();
        if (waiting.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = this.admin.listConsumerGroupOffsets(this.groupId)
                .partitionsToOffsetAndMetadata()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            // The waiters time out if this lasts.
            logger.debug("Could not read the committed offsets of {}: {}", this.groupId, ex.toString());
            return;
        }
        for (Waiter waiter : waiting) {
            if (waiter.isReachedBy(committed)) {
                waiter.reached.complete(null);
                dequeue(waiter);
            }
        }
    }

    /**
     * The offset that each partition's records must be stored up to. A partition with no
     * record left at or after its start (never written, or trimmed by retention) has
     * nothing to store and counts as 0, that is as caught up, even for a group that never
     * committed on it: no record will ever come for it to commit, and waiting would make
     * sync answer 503 until one did. Start offsets are asked for at most every
     * {@code PARTITIONS_TTL} (a start learnt earlier is at most lower than the real one,
     * which only makes the fence wait as it would have), and a partition counts as
     * trimmed only when its end is exactly the start it had: a recreated topic, whose
     * offsets began again below it, is waited for.
     */
    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try {
            List<TopicPartition> partitions = partitionsOf(topics);
            Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
            List<TopicPartition> written = ends.entrySet()
                .stream()
                .filter((end) -> end.getValue() > 0)
                .map(Map.Entry::getKey)
                .toList();
            if (!written.isEmpty()) {
                startsOf(written).forEach((partition, start) -> {
                    if (start.equals(ends.get(partition))) {
                        ends.put(partition, 0L);
                    }
                });
            }
            return ends;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka for end offsets", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Kafka did not tell the end offsets", ex);
        }
    }

    private Map<TopicPartition, Long> startsOf(List<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        boolean stale = System.nanoTime() - this.startsFetchedAt > PARTITIONS_TTL.toNanos();
        if (stale || !this.starts.keySet().containsAll(partitions)) {
            this.starts = Map.copyOf(offsets(partitions, OffsetSpec.earliest()));
            this.startsFetchedAt = System.nanoTime();
        }
        Map<TopicPartition, Long> known = new HashMap<>(this.starts);
        known.keySet().retainAll(partitions);
        return known;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
            .collect(Collectors.toMap(Function.identity(), (partition) -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answers = this.admin.listOffsets(request)
            .all()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((partition, info) -> offsets.put(partition, info.offset()));
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

    /**
     * A request waiting for the group to pass the end offsets it began at.
     */
    private static final class Waiter {

        final Map<TopicPartition, Long> targets;

        final CompletableFuture<Void> reached = new CompletableFuture<>();

        Waiter(Map<TopicPartition, Long> targets) {
            this.targets = targets;
        }

        // The committed offsets last compared, for saying what is behind.
        volatile Map<TopicPartition, OffsetAndMetadata> lastSeen = Map.of();

        boolean isReachedBy(Map<TopicPartition, OffsetAndMetadata> committed) {
            this.lastSeen = committed;
            return this.targets.entrySet().stream().allMatch((target) -> {
                OffsetAndMetadata offset = committed.get(target.getKey());
                return offset != null && offset.offset() >= target.getValue();
            });
        }

        /**
         * The partitions that had not reached their targets when last compared.
         * @return such as {@code SEND_MESSAGE-3 stored up to 1200 of 1250}
         */
        String behind() {
            Map<TopicPartition, OffsetAndMetadata> committed = this.lastSeen;
            return this.targets.entrySet()
                .stream()
                .filter((target) -> committed.get(target.getKey()) == null
                        || committed.get(target.getKey()).offset() < target.getValue())
                .map((target) -> target.getKey() + " stored up to "
                        + ((committed.get(target.getKey()) != null) ? committed.get(target.getKey()).offset() : "none")
                        + " of " + target.getValue())
                .collect(Collectors.joining(", "));
        }

    }

}
