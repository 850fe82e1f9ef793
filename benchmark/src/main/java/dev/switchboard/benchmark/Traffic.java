package dev.switchboard.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.switchboard.benchmark.Accounts.Account;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency runs' load: {@code pairs} senders, each sending to its own recipient, every
 * user on its own WebSocket, open loop, in {@link Batch batches} of a given rate and
 * length. A message's latency runs from the moment it was due to be sent (so a client
 * that falls behind adds its delay, rather than hiding it) to its arrival on the
 * recipient's socket. Recipients acknowledge what they get every 100 ms, as a client
 * does, so receipts flow too. Every message is counted: accepted, received once, received
 * again, refused, or missing.
 */
final class Traffic implements AutoCloseable {

    private static final long ACK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final int pairs;

    private final List<Account> users;

    private final List<Client> senders = new ArrayList<>();

    private final List<Recipient> recipients = new ArrayList<>();

    private final List<Client> open = new ArrayList<>();

    private final List<Batch> batches = new CopyOnWriteArrayList<>();

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    private final LongAdder receipts = new LongAdder();

    private final LongAdder acks = new LongAdder();

    private final Thread acker = new Thread(this::ackLoop, "benchmark-acks");

    private int nextSeq;

    private Traffic(int pairs, List<Account> users) {
        this.pairs = pairs;
        this.users = users;
    }

    /**
     * Registers the users and opens their sessions: recipients first, then senders.
     * @param pairs sender and recipient pairs
     * @param senderGateway the WebSocket URI the senders use
     * @param recipientGateway the WebSocket URI the recipients use
     * @param accounts where users come from
     * @return the load, ready to send
     */
    static Traffic open(int pairs, URI senderGateway, URI recipientGateway, Accounts accounts) {
        Traffic traffic = new Traffic(pairs, accounts.register(2 * pairs));
        traffic.connect(senderGateway, recipientGateway);
        return traffic;
    }

    private void connect(URI senderGateway, URI recipientGateway) {
        HttpClient senderHttp = HttpClient.newHttpClient();
        HttpClient recipientHttp = HttpClient.newHttpClient();
        List<CompletableFuture<Client>> opening = new ArrayList<>();
        for (int i = 0; i < this.pairs; i++) {
            Recipient recipient = new Recipient();
            this.recipients.add(recipient);
            opening.add(Client.open(recipientHttp, recipientGateway, this.users.get(this.pairs + i), recipient::onFrame)
                .thenApply(recipient::bind));
        }
        for (int i = 0; i < this.pairs; i++) {
            opening.add(Client.open(senderHttp, senderGateway, this.users.get(i), this::onSenderFrame));
        }
        this.open.addAll(opening.stream().map(CompletableFuture::join).toList());
        this.senders.addAll(this.open.subList(this.pairs, 2 * this.pairs));
        this.acker.setDaemon(true);
        this.acker.start();
    }

    /**
     * Sends {@code rate * seconds} messages at the rate, open loop, and returns when the
     * last was sent.
     * @param rate messages per second, over all senders
     * @param seconds how long
     * @return the batch, whose messages are counted as their frames come
     */
    Batch send(int rate, int seconds) {
        Batch batch = new Batch(this.nextSeq, rate * seconds, rate);
        this.nextSeq += batch.size;
        this.batches.add(batch);
        double interval = 1e9 / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        batch.sendStart = start;
        for (int i = 0; i < batch.size; i++) {
            long dueAt = start + (long) (i * interval);
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            batch.due[i] = dueAt;
            int seq = batch.from + i;
            int pair = seq % this.pairs;
            this.senders.get(pair)
                .send("{\"type\":\"send\",\"clientMessageId\":\"m" + seq + "\",\"to\":"
                        + this.users.get(this.pairs + pair).userId() + ",\"body\":\"" + seq + "\"}");
        }
        batch.sendEnd = System.nanoTime();
        return batch;
    }

    /**
     * Waits until every message of the batches was received or refused, or nothing has
     * moved for 20 s (what is still missing then is lost).
     * @param batches the batches
     */
    void drain(Batch... batches) {
        long lastProgress = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20)) {
            long progress = 0;
            int unsettled = 0;
            for (Batch batch : batches) {
                progress += batch.progress();
                unsettled += batch.unsettled();
            }
            if (unsettled == 0) {
                return;
            }
            if (progress != seen) {
                seen = progress;
                lastProgress = System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    /**
     * Waits until every message of a batch was received or refused, or a moment passed.
     * @param batch the batch
     * @param until the moment ({@link System#nanoTime()})
     * @return the messages still neither received nor refused
     */
    int awaitSettled(Batch batch, long until) {
        int unsettled;
        while ((unsettled = batch.unsettled()) > 0 && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        return unsettled;
    }

    /** Every batch sent so far, in order. */
    List<Batch> batches() {
        return List.copyOf(this.batches);
    }

    /** Error frames the senders got, by code. */
    Map<String, Long> errors() {
        Map<String, Long> errors = new TreeMap<>();
        this.errors.forEach((code, count) -> errors.put(code, count.sum()));
        return errors;
    }

    /** Receipt frames the senders got. */
    long receipts() {
        return this.receipts.sum();
    }

    /** Ack frames the recipients sent. */
    long acks() {
        return this.acks.sum();
    }

    @Override
    public void close() {
        this.acker.interrupt();
        this.open.forEach(Client::close);
    }

    private Batch batchOf(int seq) {
        for (int i = this.batches.size() - 1; i >= 0; i--) {
            Batch batch = this.batches.get(i);
            if (seq >= batch.from) {
                return (seq < batch.from + batch.size) ? batch : null;
            }
        }
        return null;
    }

    private void onSenderFrame(String text) {
        long now = System.nanoTime();
        switch (Frames.field(text, "type")) {
            case "accepted" -> {
                int seq = seqOf(Frames.field(text, "clientMessageId"));
                Batch batch = (seq >= 0) ? batchOf(seq) : null;
                if (batch != null) {
                    batch.onAccepted(seq - batch.from, now);
                }
            }
            case "receipt" -> this.receipts.increment();
            case "error" -> {
                this.errors.computeIfAbsent(Frames.field(text, "code"), (code) -> new LongAdder()).increment();
                int seq = seqOf(Frames.field(text, "clientMessageId"));
                Batch batch = (seq >= 0) ? batchOf(seq) : null;
                if (batch != null) {
                    batch.failed.set(seq - batch.from, 1);
                }
            }
            default -> {
            }
        }
    }

    private static int seqOf(String clientMessageId) {
        return (clientMessageId.startsWith("m")) ? Integer.parseInt(clientMessageId.substring(1)) : -1;
    }

    private void ackLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(ACK_INTERVAL_NANOS);
            this.recipients.forEach(Recipient::ack);
        }
    }

    /**
     * Messages sent together at one rate, and what became of each: its due time, whether
     * it was accepted, how often it arrived, whether it was refused; and latencies.
     */
    static final class Batch {

        private final int from;

        private final int size;

        private final int rate;

        private final long[] due;

        private final AtomicIntegerArray accepted;

        private final AtomicIntegerArray received;

        private final AtomicIntegerArray failed;

        private final Recorder oneWayRecorder = new Recorder(3);

        private final Recorder acceptanceRecorder = new Recorder(3);

        private final Histogram oneWay = new Histogram(3);

        private final Histogram acceptance = new Histogram(3);

        private long sendStart;

        private long sendEnd;

        private Batch(int from, int size, int rate) {
            this.from = from;
            this.size = size;
            this.rate = rate;
            this.due = new long[size];
            this.accepted = new AtomicIntegerArray(size);
            this.received = new AtomicIntegerArray(size);
            this.failed = new AtomicIntegerArray(size);
        }

        /** Messages in the batch. */
        int size() {
            return this.size;
        }

        /** The rate it was sent at. */
        int rate() {
            return this.rate;
        }

        /** When its first message was due ({@link System#nanoTime()}). */
        long sendStart() {
            return this.sendStart;
        }

        /** When its last message was sent. */
        long sendEnd() {
            return this.sendEnd;
        }

        /**
         * Messages per second it was sent at, from the first due time to the last send.
         */
        double achievedRate() {
            return this.size / Math.max(1e-9, (this.sendEnd - this.sendStart) / 1e9);
        }

        /**
         * One-way latencies so far, due time to the recipient's socket, microseconds.
         * @return a copy
         */
        synchronized Histogram oneWay() {
            this.oneWay.add(this.oneWayRecorder.getIntervalHistogram());
            return this.oneWay.copy();
        }

        /**
         * Due time to {@code accepted} so far, microseconds.
         * @return a copy
         */
        synchronized Histogram acceptance() {
            this.acceptance.add(this.acceptanceRecorder.getIntervalHistogram());
            return this.acceptance.copy();
        }

        /**
         * What became of its messages so far.
         * @return the counts
         */
        Tally tally() {
            int acceptedCount = 0;
            int receivedOnce = 0;
            int duplicates = 0;
            int missing = 0;
            int refused = 0;
            for (int i = 0; i < this.size; i++) {
                int copies = this.received.get(i);
                acceptedCount += this.accepted.get(i);
                receivedOnce += (copies > 0) ? 1 : 0;
                duplicates += Math.max(0, copies - 1);
                missing += (this.accepted.get(i) == 1 && copies == 0) ? 1 : 0;
                refused += this.failed.get(i);
            }
            return new Tally(this.size, acceptedCount, receivedOnce, duplicates, missing, refused);
        }

        private void onAccepted(int i, long now) {
            if (this.accepted.compareAndSet(i, 0, 1)) {
                this.acceptanceRecorder.recordValue(Math.max(0, (now - this.due[i]) / 1000));
            }
        }

        private void onReceived(int i, long now) {
            if (this.received.getAndIncrement(i) == 0) {
                this.oneWayRecorder.recordValue(Math.max(0, (now - this.due[i]) / 1000));
            }
        }

        private long progress() {
            long progress = 0;
            for (int i = 0; i < this.size; i++) {
                progress += this.received.get(i) + this.accepted.get(i) + this.failed.get(i);
            }
            return progress;
        }

        private int unsettled() {
            int unsettled = 0;
            for (int i = 0; i < this.size; i++) {
                boolean settled = (this.accepted.get(i) == 1 && this.received.get(i) > 0) || this.failed.get(i) == 1;
                unsettled += settled ? 0 : 1;
            }
            return unsettled;
        }

    }

    /**
     * What became of a batch's messages.
     *
     * @param sent messages sent
     * @param accepted messages the gateway accepted
     * @param received messages that reached their recipient
     * @param duplicates deliveries beyond the first of a message
     * @param missing accepted messages that have not reached their recipient (lost, once
     * drained)
     * @param refused messages answered with an error frame
     */
    record Tally(int sent, int accepted, int received, int duplicates, int missing, int refused) {

        Tally plus(Tally other) {
            return new Tally(this.sent + other.sent, this.accepted + other.accepted, this.received + other.received,
                    this.duplicates + other.duplicates, this.missing + other.missing, this.refused + other.refused);
        }

    }

    /** A recipient's session: counts each message and acknowledges it. */
    private final class Recipient {

        private final Queue<String> unacknowledged = new ConcurrentLinkedQueue<>();

        private volatile String conversationId;

        private volatile Client client;

        Client bind(Client client) {
            this.client = client;
            return client;
        }

        void onFrame(String text) {
            long now = System.nanoTime();
            if (!"message".equals(Frames.field(text, "type"))) {
                return;
            }
            int seq = Integer.parseInt(Frames.field(text, "body"));
            Batch batch = batchOf(seq);
            if (batch != null) {
                batch.onReceived(seq - batch.from, now);
            }
            this.conversationId = Frames.field(text, "conversationId");
            this.unacknowledged.add(Frames.field(text, "messageId"));
        }

        void ack() {
            Client session = this.client;
            if (session == null || this.unacknowledged.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>();
            String id;
            while (ids.size() < 100 && (id = this.unacknowledged.poll()) != null) {
                ids.add("\"" + id + "\"");
            }
            session.send("{\"type\":\"ack\",\"conversationId\":\"" + this.conversationId + "\",\"messageIds\":["
                    + String.join(",", ids) + "]}");
            Traffic.this.acks.increment();
        }

    }

}
