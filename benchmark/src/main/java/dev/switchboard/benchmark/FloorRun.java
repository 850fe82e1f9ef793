package dev.switchboard.benchmark;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw floor: Switchboard's path with nothing of Switchboard on it, run from the
 * benchmark's own process with plain kafka-clients and JDBC, on the stack's broker and
 * database, at a latency run's rate. A producer (acks=all, idempotent, linger 0, as the
 * services' are) writes records of about 300 bytes, keyed by a conversation id, to a
 * topic with SEND_MESSAGE's partitions; a router group reads them and produces each to a
 * topic of one partition, as a gateway node's is, and waits for the acknowledgements
 * before it commits; a consumer of that topic takes each record's one-way latency, from
 * the moment it was due to be sent (open loop, as {@link Traffic} does) to its arrival;
 * and a store group writes each poll of the first topic into a table with one
 * {@code INSERT ... SELECT FROM unnest(...)}, commits it, then its offsets. What this
 * costs is the least that a message on this path costs on this machine: Switchboard's
 * figures as a multiple of it say how much its own work adds.
 */
final class FloorRun {

    private static final String INBOUND = "benchmark-floor-inbound";

    private static final String NODE = "benchmark-floor-node";

    /**
     * SEND_MESSAGE's partitions by default ({@code switchboard.kafka.topics.partitions}).
     */
    private static final int INBOUND_PARTITIONS = 6;

    private static final int RECORD_BYTES = 300;

    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * message-service and the gateway commit at most every 100 ms, history-service 50 ms.
     */
    private static final long ROUTER_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final long STORE_COMMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final String TABLE = "benchmark_floor_message";

    private final int rate;

    private final int warmupSeconds;

    private final int seconds;

    private final int conversations;

    private final String bootstrapServers;

    private final String jdbcUrl;

    private final Meters meters;

    private final Recorder oneWay = new Recorder(3);

    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    private final LongAdder sendErrors = new LongAdder();

    private AtomicIntegerArray received;

    private AtomicIntegerArray stored;

    private int measuredFrom;

    private volatile boolean running = true;

    /**
     * A floor run.
     * @param rate messages per second
     * @param warmupSeconds how long the same load runs first (not counted, drained)
     * @param seconds how long the measured part lasts
     * @param conversations how many conversation ids the keys take turns with
     * @param bootstrapServers the stack's broker
     * @param jdbcUrl the stack's database (user {@code postgres}, no password)
     * @param meters what is read before and after the measured part
     */
    FloorRun(int rate, int warmupSeconds, int seconds, int conversations, String bootstrapServers, String jdbcUrl,
            Meters meters) {
        this.rate = rate;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.conversations = conversations;
        this.bootstrapServers = bootstrapServers;
        this.jdbcUrl = jdbcUrl;
        this.meters = meters;
    }

    Result run() throws Exception {
        createTopicsAndTable();
        int total = this.rate * (this.warmupSeconds + this.seconds);
        this.measuredFrom = this.rate * this.warmupSeconds;
        this.received = new AtomicIntegerArray(total);
        this.stored = new AtomicIntegerArray(total);
        CountDownLatch assigned = new CountDownLatch(3);
        List<Thread> workers = List.of(worker("benchmark-floor-router", () -> route(assigned)),
                worker("benchmark-floor-node", () -> receive(assigned)),
                worker("benchmark-floor-store", () -> store(assigned)));
        Measurement measurement;
        double achievedRate;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            if (!assigned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The floor's consumers got no partitions in 60 s: " + this.failures);
            }
            send(producer, 0, this.measuredFrom);
            drain(0, this.measuredFrom);
            Meters.Snapshot before = this.meters.atStart();
            long start = System.nanoTime();
            send(producer, this.measuredFrom, total);
            long end = System.nanoTime();
            measurement = new Measurement(before, this.meters.atEnd(), total - this.measuredFrom);
            achievedRate = (total - this.measuredFrom) / ((end - start) / 1e9);
            drain(0, total);
        }
        finally {
            this.running = false;
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(30));
            }
        }
        int receivedOnce = 0;
        int duplicates = 0;
        int storedCount = 0;
        for (int seq = 0; seq < total; seq++) {
            receivedOnce += (this.received.get(seq) > 0) ? 1 : 0;
            duplicates += Math.max(0, this.received.get(seq) - 1);
            storedCount += (this.stored.get(seq) > 0) ? 1 : 0;
        }
        return new Result(this.rate, this.warmupSeconds, this.seconds, total, receivedOnce, storedCount, duplicates,
                this.sendErrors.intValue(), achievedRate, this.oneWay.getIntervalHistogram(), measurement,
                this.failures.stream().map(Throwable::toString).distinct().toList());
    }

    private void createTopicsAndTable() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
            for (NewTopic topic : List.of(new NewTopic(INBOUND, INBOUND_PARTITIONS, (short) 1),
                    new NewTopic(NODE, 1, (short) 1))) {
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                }
                catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
            }
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            // As the message table's essentials: a uuid key, the conversation, the body.
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id uuid PRIMARY KEY, conversation_id "
                    + "varchar(40) NOT NULL, body bytea NOT NULL, stored_at timestamptz NOT NULL DEFAULT now())");
            statement.execute("TRUNCATE " + TABLE);
        }
    }

    /** Sends messages {@code from} to {@code to} (exclusive) at the rate, open loop. */
    private void send(KafkaProducer<String, byte[]> producer, int from, int to) {
        double interval = 1e9 / this.rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        byte[] padding = new byte[RECORD_BYTES - Integer.BYTES - Long.BYTES];
        Arrays.fill(padding, (byte) 'x');
        for (int seq = from; seq < to; seq++) {
            long dueAt = start + (long) ((seq - from) * interval);
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            // The due time travels in the record: every consumer is in this process, on
            // the
            // same clock.
            byte[] value = ByteBuffer.allocate(RECORD_BYTES).putInt(seq).putLong(dueAt).put(padding).array();
            producer.send(new ProducerRecord<>(INBOUND, conversation(seq), value), (metadata, failure) -> {
                if (failure != null) {
                    this.sendErrors.increment();
                    this.failures.add(failure);
                }
            });
        }
    }

    private String conversation(int seq) {
        return "conversation-" + (seq % this.conversations);
    }

    /**
     * Reads the inbound topic and produces each record to the node topic; commits only
     * what the broker acknowledged, at most every 100 ms.
     */
    private void route(CountDownLatch assigned) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig("benchmark-floor-router"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig())) {
            consumer.subscribe(List.of(INBOUND));
            boolean ready = false;
            boolean uncommitted = false;
            long committedAt = System.nanoTime();
            while (this.running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    List<Future<RecordMetadata>> acks = new ArrayList<>(records.count());
                    for (ConsumerRecord<String, byte[]> record : records) {
                        acks.add(producer.send(new ProducerRecord<>(NODE, record.key(), record.value())));
                    }
                    for (Future<RecordMetadata> ack : acks) {
                        ack.get(30, TimeUnit.SECONDS);
                    }
                    uncommitted = true;
                }
                ready = signalOnce(ready, consumer, assigned);
                if (uncommitted && System.nanoTime() - committedAt >= ROUTER_COMMIT_NANOS) {
                    consumer.commitAsync();
                    uncommitted = false;
                    committedAt = System.nanoTime();
                }
            }
            consumer.commitSync();
        }
    }

    /** Reads the node topic, as a gateway does, and takes each record's latency. */
    private void receive(CountDownLatch assigned) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig("benchmark-floor-node"))) {
            consumer.subscribe(List.of(NODE));
            boolean ready = false;
            boolean uncommitted = false;
            long committedAt = System.nanoTime();
            while (this.running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    ByteBuffer value = ByteBuffer.wrap(record.value());
                    int seq = value.getInt();
                    long due = value.getLong();
                    if (this.received.getAndIncrement(seq) == 0 && seq >= this.measuredFrom) {
                        this.oneWay.recordValue(Math.max(0, (now - due) / 1000));
                    }
                    uncommitted = true;
                }
                ready = signalOnce(ready, consumer, assigned);
                if (uncommitted && System.nanoTime() - committedAt >= ROUTER_COMMIT_NANOS) {
                    consumer.commitAsync();
                    uncommitted = false;
                    committedAt = System.nanoTime();
                }
            }
            consumer.commitSync();
        }
    }

    /**
     * Writes each poll of the inbound topic in one statement and one transaction, then
     * commits the offsets, at most every 50 ms.
     */
    private void store(CountDownLatch assigned) throws SQLException {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig("benchmark-floor-store"));
                Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                        + " (id, conversation_id, body) SELECT * FROM unnest(?::uuid[], ?::varchar[], ?::bytea[]) "
                        + "ON CONFLICT (id) DO NOTHING")) {
            connection.setAutoCommit(false);
            consumer.subscribe(List.of(INBOUND));
            boolean ready = false;
            boolean uncommitted = false;
            long committedAt = System.nanoTime();
            while (this.running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    int count = records.count();
                    UUID[] ids = new UUID[count];
                    String[] conversationIds = new String[count];
                    byte[][] bodies = new byte[count][];
                    int[] seqs = new int[count];
                    int i = 0;
                    for (ConsumerRecord<String, byte[]> record : records) {
                        seqs[i] = ByteBuffer.wrap(record.value()).getInt();
                        ids[i] = new UUID(0, seqs[i]);
                        conversationIds[i] = record.key();
                        bodies[i] = record.value();
                        i++;
                    }
                    insert.setArray(1, connection.createArrayOf("uuid", ids));
                    insert.setArray(2, connection.createArrayOf("varchar", conversationIds));
                    insert.setArray(3, connection.createArrayOf("bytea", bodies));
                    insert.executeUpdate();
                    connection.commit();
                    for (int seq : seqs) {
                        this.stored.incrementAndGet(seq);
                    }
                    uncommitted = true;
                }
                ready = signalOnce(ready, consumer, assigned);
                if (uncommitted && System.nanoTime() - committedAt >= STORE_COMMIT_NANOS) {
                    consumer.commitAsync();
                    uncommitted = false;
                    committedAt = System.nanoTime();
                }
            }
            consumer.commitSync();
        }
    }

    /** Counts the latch down once, when the consumer first has its partitions. */
    private static boolean signalOnce(boolean ready, KafkaConsumer<?, ?> consumer, CountDownLatch assigned) {
        if (!ready && !consumer.assignment().isEmpty()) {
            assigned.countDown();
            return true;
        }
        return ready;
    }

    /**
     * Waits until every message from {@code from} to {@code to} (exclusive) was received
     * and stored, or nothing has moved for 20 s.
     */
    private void drain(int from, int to) {
        long lastProgress = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20) && this.failures.isEmpty()) {
            long progress = 0;
            boolean settled = true;
            for (int seq = from; seq < to; seq++) {
                progress += this.received.get(seq) + this.stored.get(seq);
                settled &= this.received.get(seq) > 0 && this.stored.get(seq) > 0;
            }
            if (settled) {
                return;
            }
            if (progress != seen) {
                seen = progress;
                lastProgress = System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private Thread worker(String name, Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            }
            catch (Exception ex) {
                this.failures.add(ex);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(this.jdbcUrl, "postgres", "");
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private Map<String, Object> consumerConfig(String group) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
                group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    @FunctionalInterface
    private interface Work {

        void run() throws Exception;

    }

    /**
     * Switchboard's figures at a rate, to hold against the floor's.
     *
     * @param rate messages per second
     * @param oneWayP99Micros one-way p99, microseconds
     * @param cpuMicrosPerMessage CPU of every part of the suite per message, microseconds
     */
    record Reference(int rate, double oneWayP99Micros, double cpuMicrosPerMessage) {

    }

    /**
     * What the floor run found.
     *
     * @param rate messages per second
     * @param warmupSeconds the warm-up's length
     * @param seconds the measured part's length
     * @param sent messages sent, warm-up included
     * @param received messages that reached the node topic's consumer
     * @param stored messages written to the table
     * @param duplicates arrivals beyond the first of a message
     * @param sendErrors sends that failed
     * @param achievedRate messages sent per second during the measured part
     * @param oneWay one-way latency, due time to the node topic's consumer, microseconds,
     * measured part only
     * @param measurement CPU, broker requests and Kafka clients during the measured part
     * @param failures what went wrong in its threads (empty if nothing)
     */
    record Result(int rate, int warmupSeconds, int seconds, int sent, int received, int stored, int duplicates,
            int sendErrors, double achievedRate, Histogram oneWay, Measurement measurement, List<String> failures) {

        /**
         * The parts whose CPU is the floor's: this process, the broker and PostgreSQL.
         */
        private static final List<String> PARTS = List.of(CpuAccounting.CLIENTS, CpuAccounting.KAFKA,
                CpuAccounting.POSTGRES);

        /** CPU per message of the floor's parts, microseconds. */
        double cpuMicrosPerMessage() {
            return 1e6 * this.measurement.cpuSeconds(PARTS) / Math.max(1, this.measurement.messages());
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT,
                    "floor: plain kafka-clients and JDBC in the benchmark's process at %d/s, %d s measured after %d s "
                            + "warm-up: produce -> %d partitions -> route (acks, then commit) -> 1-partition node "
                            + "topic -> consumer; and a store group (one INSERT ... unnest per poll, commit, then "
                            + "offsets)",
                    this.rate, this.seconds, this.warmupSeconds, INBOUND_PARTITIONS));
            lines.add(String.format(Locale.ROOT,
                    "  messages: sent %d, received %d, stored %d, lost %d, duplicates %d, send errors %d; achieved "
                            + "send rate %.0f/s",
                    this.sent, this.received, this.stored, this.sent - this.sendErrors - this.received, this.duplicates,
                    this.sendErrors, this.achievedRate));
            lines.add("  one-way (due -> node topic's consumer), ms: " + LatencyRun.Result.percentiles(this.oneWay));
            double wall = this.measurement.seconds();
            double perMessage = Math.max(1, this.measurement.messages());
            StringBuilder cpu = new StringBuilder("  CPU while measured:");
            for (String part : PARTS) {
                double used = this.measurement.cpuSeconds(List.of(part));
                cpu.append(String.format(Locale.ROOT, " %s %.0f%% of a core, %.1f µs per message;",
                        part.equals(CpuAccounting.CLIENTS) ? "benchmark process" : part, 100 * used / wall,
                        1e6 * used / perMessage));
            }
            double others = this.measurement.cpuSeconds() - this.measurement.cpuSeconds(PARTS);
            cpu.append(String.format(Locale.ROOT,
                    " the floor %.1f µs per message (the idle services and Redis used %.0f%% of a core meanwhile, "
                            + "not counted)",
                    cpuMicrosPerMessage(), 100 * others / wall));
            lines.add(cpu.toString());
            lines.add("  broker requests per message: " + this.measurement.brokerSummary());
            if (!this.failures.isEmpty()) {
                lines.add("  failures: " + String.join("; ", this.failures));
            }
            return lines;
        }

        /**
         * Switchboard against the floor at the same rate.
         * @param switchboard Switchboard's figures
         * @return one line
         */
        String comparedWith(Reference switchboard) {
            double p99 = this.oneWay.getValueAtPercentile(99);
            return String.format(Locale.ROOT,
                    "switchboard / floor at %d/s: one-way p99 %.1f ms / %.1f ms = %.1fx; CPU per message %.0f µs / "
                            + "%.0f µs = %.1fx",
                    this.rate, switchboard.oneWayP99Micros() / 1000.0, p99 / 1000.0,
                    switchboard.oneWayP99Micros() / Math.max(1, p99), switchboard.cpuMicrosPerMessage(),
                    cpuMicrosPerMessage(), switchboard.cpuMicrosPerMessage() / Math.max(1e-9, cpuMicrosPerMessage()));
        }

    }

}
