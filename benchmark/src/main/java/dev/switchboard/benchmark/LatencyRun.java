package dev.switchboard.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.switchboard.benchmark.Accounts.Account;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One-way latency at a fixed rate: each of {@code pairs} senders sends to its own
 * recipient, in turn, at {@code rate} messages per second in all, open loop. A message's
 * latency runs from the moment it was due to be sent (so a client that falls behind adds
 * its delay, rather than hiding it) to its arrival on the recipient's socket. Recipients
 * acknowledge what they get every 100 ms, as a client does, so receipts flow too. Every
 * message is counted: accepted, received once, received again, or lost.
 */
final class LatencyRun {

    private static final long ACK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final BenchmarkOptions options;

    private final URI senderGateway;

    private final URI recipientGateway;

    private final Accounts accounts;

    private final Recorder oneWay = new Recorder(3);

    private final Recorder acceptance = new Recorder(3);

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    private final LongAdder receipts = new LongAdder();

    private final LongAdder acks = new LongAdder();

    private long[] due;

    private AtomicIntegerArray accepted;

    private AtomicIntegerArray received;

    private AtomicIntegerArray failed;

    private int measuredFrom;

    private final CpuAccounting cpu;

    LatencyRun(BenchmarkOptions options, URI senderGateway, URI recipientGateway, Accounts accounts,
            CpuAccounting cpu) {
        this.options = options;
        this.cpu = cpu;
        this.senderGateway = senderGateway;
        this.recipientGateway = recipientGateway;
        this.accounts = accounts;
    }

    Result run() {
        int pairs = this.options.pairs();
        List<Account> users = this.accounts.register(2 * pairs);
        HttpClient senderHttp = HttpClient.newHttpClient();
        HttpClient recipientHttp = HttpClient.newHttpClient();
        List<Recipient> recipients = new ArrayList<>(pairs);
        List<CompletableFuture<Client>> opening = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            Recipient recipient = new Recipient();
            recipients.add(recipient);
            opening.add(Client.open(recipientHttp, this.recipientGateway, users.get(pairs + i), recipient::onFrame)
                .thenApply(recipient::bind));
        }
        List<Client> senders = new ArrayList<>(pairs);
        for (int i = 0; i < pairs; i++) {
            opening.add(Client.open(senderHttp, this.senderGateway, users.get(i), this::onSenderFrame));
        }
        List<Client> open = opening.stream().map(CompletableFuture::join).toList();
        senders.addAll(open.subList(pairs, 2 * pairs));

        int total = this.options.rate() * (this.options.warmupSeconds() + this.options.seconds());
        this.due = new long[total];
        this.accepted = new AtomicIntegerArray(total);
        this.received = new AtomicIntegerArray(total);
        this.failed = new AtomicIntegerArray(total);
        this.measuredFrom = this.options.rate() * this.options.warmupSeconds();
        Thread acker = ackLoop(recipients);

        // Warm-up: the same load, then a pause until all of it has arrived, so that the
        // measured part starts from empty queues and warm JITs.
        send(senders, users, 0, this.measuredFrom);
        drain(0, this.measuredFrom);
        Map<String, Double> cpuBefore = this.cpu.snapshot();
        long measuredStart = System.nanoTime();
        send(senders, users, this.measuredFrom, total);
        long sendEnd = System.nanoTime();
        List<String> cpuLines = CpuAccounting.report(cpuBefore, this.cpu.snapshot(), (sendEnd - measuredStart) / 1e9,
                total - this.measuredFrom);
        drain(this.measuredFrom, total);
        acker.interrupt();

        Histogram oneWayHistogram = this.oneWay.getIntervalHistogram();
        Histogram acceptHistogram = this.acceptance.getIntervalHistogram();
        int acceptedCount = 0;
        int receivedOnce = 0;
        int duplicates = 0;
        int lost = 0;
        for (int seq = 0; seq < total; seq++) {
            int copies = this.received.get(seq);
            acceptedCount += this.accepted.get(seq);
            receivedOnce += (copies > 0) ? 1 : 0;
            duplicates += Math.max(0, copies - 1);
            lost += (this.accepted.get(seq) == 1 && copies == 0) ? 1 : 0;
        }
        double achievedRate = (total - this.measuredFrom) / ((sendEnd - measuredStart) / 1e9);
        open.forEach(Client::close);
        return new Result(this.options, total, acceptedCount, receivedOnce, duplicates, lost, achievedRate,
                oneWayHistogram, acceptHistogram, Map.copyOf(this.errors), this.receipts.sum(), this.acks.sum(),
                cpuLines);
    }

    /** Sends messages {@code from} to {@code to} (exclusive) at the rate, open loop. */
    private void send(List<Client> senders, List<Account> users, int from, int to) {
        int pairs = this.options.pairs();
        double interval = 1e9 / this.options.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int seq = from; seq < to; seq++) {
            long dueAt = start + (long) ((seq - from) * interval);
            long wait;
            while ((wait = dueAt - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            this.due[seq] = dueAt;
            int pair = seq % pairs;
            senders.get(pair)
                .send("{\"type\":\"send\",\"clientMessageId\":\"m" + seq + "\",\"to\":"
                        + users.get(pairs + pair).userId() + ",\"body\":\"" + seq + "\"}");
        }
    }

    private void onSenderFrame(String text) {
        long now = System.nanoTime();
        switch (Frames.field(text, "type")) {
            case "accepted" -> {
                int seq = seqOf(Frames.field(text, "clientMessageId"));
                if (seq >= 0 && this.accepted.compareAndSet(seq, 0, 1) && seq >= this.measuredFrom) {
                    this.acceptance.recordValue(Math.max(0, (now - this.due[seq]) / 1000));
                }
            }
            case "receipt" -> this.receipts.increment();
            case "error" -> {
                this.errors.computeIfAbsent(Frames.field(text, "code"), (code) -> new LongAdder()).increment();
                int seq = seqOf(Frames.field(text, "clientMessageId"));
                if (seq >= 0) {
                    this.failed.set(seq, 1);
                }
            }
            default -> {
            }
        }
    }

    private static int seqOf(String clientMessageId) {
        return (clientMessageId.startsWith("m")) ? Integer.parseInt(clientMessageId.substring(1)) : -1;
    }

    /**
     * Waits until every message from {@code from} to {@code to} (exclusive) was received
     * or refused, or nothing has moved for 20 s (what is still missing then is lost).
     */
    private void drain(int from, int to) {
        long lastProgress = System.nanoTime();
        long seen = -1;
        while (System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(20)) {
            long progress = 0;
            boolean settled = true;
            for (int seq = from; seq < to; seq++) {
                int copies = this.received.get(seq);
                progress += copies + this.accepted.get(seq) + this.failed.get(seq);
                settled &= (this.accepted.get(seq) == 1 && copies > 0) || this.failed.get(seq) == 1;
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

    private Thread ackLoop(List<Recipient> recipients) {
        Thread acker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(ACK_INTERVAL_NANOS);
                recipients.forEach(Recipient::ack);
            }
        }, "benchmark-acks");
        acker.setDaemon(true);
        acker.start();
        return acker;
    }

    /** A recipient's session: records each message's latency and acknowledges it. */
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
            if (LatencyRun.this.received.getAndIncrement(seq) == 0 && seq >= LatencyRun.this.measuredFrom) {
                LatencyRun.this.oneWay.recordValue(Math.max(0, (now - LatencyRun.this.due[seq]) / 1000));
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
            LatencyRun.this.acks.increment();
        }

    }

    /**
     * What the run found.
     *
     * @param options what it ran
     * @param sent messages sent
     * @param accepted messages the gateway accepted
     * @param received accepted messages that reached their recipient
     * @param duplicates deliveries beyond the first of a message
     * @param lost accepted messages that never reached their recipient
     * @param achievedRate messages sent per second during the measured part
     * @param oneWay one-way latency, microseconds, measured part only
     * @param acceptance send to {@code accepted}, microseconds, measured part only
     * @param errors error frames by code
     * @param receipts receipt frames the senders got
     * @param acks ack frames the recipients sent
     * @param cpu CPU used by each part of the suite during the measured part
     */
    record Result(BenchmarkOptions options, int sent, int accepted, int received, int duplicates, int lost,
            double achievedRate, Histogram oneWay, Histogram acceptance, Map<String, LongAdder> errors, long receipts,
            long acks, List<String> cpu) {

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("latency: " + this.options.describe());
            lines.add(String.format(Locale.ROOT,
                    "  messages: sent %d, accepted %d, received %d, lost %d, duplicates %d, errors %s", this.sent,
                    this.accepted, this.received, this.lost, this.duplicates, errorSummary()));
            lines.add(String.format(Locale.ROOT, "  achieved send rate %.0f/s; %d receipts to senders, %d acks",
                    this.achievedRate, this.receipts, this.acks));
            lines.add("  one-way (send -> recipient's socket), ms: " + percentiles(this.oneWay));
            lines.add("  send -> accepted, ms:                     " + percentiles(this.acceptance));
            lines.add("  CPU while measured:");
            lines.addAll(this.cpu);
            return lines;
        }

        private String errorSummary() {
            if (this.errors.isEmpty()) {
                return "none";
            }
            StringBuilder summary = new StringBuilder();
            this.errors.forEach((code, count) -> summary.append(code).append('=').append(count.sum()).append(' '));
            return summary.toString().trim();
        }

        private static String percentiles(Histogram histogram) {
            return String.format(Locale.ROOT, "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)",
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                    histogram.getMaxValue() / 1000.0, histogram.getTotalCount());
        }

    }

}
