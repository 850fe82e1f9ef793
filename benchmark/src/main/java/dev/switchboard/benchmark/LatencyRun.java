package dev.switchboard.benchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.benchmark.Traffic.Batch;
import dev.switchboard.benchmark.Traffic.Tally;
import org.HdrHistogram.Histogram;

/**
 * One-way latency at a fixed rate (see {@link Traffic}): a warm-up of the same load, a
 * pause until all of it has arrived, then the measured part, with the meters read before
 * and after it (and each service recorded with JFR meanwhile, if asked).
 */
final class LatencyRun {

    private final BenchmarkOptions options;

    private final URI senderGateway;

    private final URI recipientGateway;

    private final Accounts accounts;

    private final Meters meters;

    private final Profiler profiler;

    /**
     * A run.
     * @param options what to run
     * @param senderGateway the senders' WebSocket URI
     * @param recipientGateway the recipients' WebSocket URI
     * @param accounts where users come from
     * @param meters what is read before and after the measured part
     * @param profiler what records the services meanwhile, or null
     */
    LatencyRun(BenchmarkOptions options, URI senderGateway, URI recipientGateway, Accounts accounts, Meters meters,
            Profiler profiler) {
        this.options = options;
        this.senderGateway = senderGateway;
        this.recipientGateway = recipientGateway;
        this.accounts = accounts;
        this.meters = meters;
        this.profiler = profiler;
    }

    Result run() {
        try (Traffic traffic = Traffic.open(this.options.pairs(), this.senderGateway, this.recipientGateway,
                this.accounts)) {
            // Warm-up: the same load, then a pause until all of it has arrived, so that
            // the
            // measured part starts from empty queues and warm JITs.
            Batch warmup = traffic.send(this.options.rate(), this.options.warmupSeconds());
            traffic.drain(warmup);
            Meters.Snapshot before = this.meters.atStart();
            if (this.profiler != null) {
                this.profiler.start();
            }
            Batch measured = traffic.send(this.options.rate(), this.options.seconds());
            if (this.profiler != null) {
                this.profiler.stop();
            }
            Measurement measurement = new Measurement(before, this.meters.atEnd(), measured.size());
            traffic.drain(warmup, measured);
            List<String> profile = (this.profiler != null) ? this.profiler.report() : List.of();
            return new Result(this.options, warmup.tally().plus(measured.tally()), measured.achievedRate(),
                    measured.oneWay(), measured.acceptance(), traffic.errors(), traffic.receipts(), traffic.acks(),
                    measurement, profile);
        }
    }

    /**
     * What the run found.
     *
     * @param options what it ran
     * @param messages what became of every message, warm-up included
     * @param achievedRate messages sent per second during the measured part
     * @param oneWay one-way latency, microseconds, measured part only
     * @param acceptance send to {@code accepted}, microseconds, measured part only
     * @param errors error frames by code
     * @param receipts receipt frames the senders got
     * @param acks ack frames the recipients sent
     * @param measurement CPU, broker requests and Kafka clients during the measured part
     * @param profile where each service's CPU samples were (empty unless profiled)
     */
    record Result(BenchmarkOptions options, Tally messages, double achievedRate, Histogram oneWay, Histogram acceptance,
            Map<String, Long> errors, long receipts, long acks, Measurement measurement, List<String> profile) {

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("latency: " + this.options.describe());
            lines.add(String.format(Locale.ROOT,
                    "  messages: sent %d, accepted %d, received %d, lost %d, duplicates %d, errors %s",
                    this.messages.sent(), this.messages.accepted(), this.messages.received(), this.messages.missing(),
                    this.messages.duplicates(), errorSummary(this.errors)));
            lines.add(String.format(Locale.ROOT, "  achieved send rate %.0f/s; %d receipts to senders, %d acks",
                    this.achievedRate, this.receipts, this.acks));
            lines.add("  one-way (send -> recipient's socket), ms: " + percentiles(this.oneWay));
            lines.add("  send -> accepted, ms:                     " + percentiles(this.acceptance));
            lines.add("  CPU while measured:");
            lines.addAll(this.measurement.cpuLines());
            lines.addAll(this.measurement.brokerLines());
            lines.addAll(this.measurement.clientLines());
            lines.addAll(this.profile);
            return lines;
        }

        /** Switchboard's figures at this rate, for the floor to compare with. */
        FloorRun.Reference reference() {
            return new FloorRun.Reference(this.options.rate(), this.oneWay.getValueAtPercentile(99),
                    this.measurement.cpuMicrosPerMessage());
        }

        static String errorSummary(Map<String, Long> errors) {
            if (errors.isEmpty()) {
                return "none";
            }
            StringBuilder summary = new StringBuilder();
            errors.forEach((code, count) -> summary.append(code).append('=').append(count).append(' '));
            return summary.toString().trim();
        }

        static String percentiles(Histogram histogram) {
            return String.format(Locale.ROOT, "p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)",
                    histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(90) / 1000.0,
                    histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0,
                    histogram.getMaxValue() / 1000.0, histogram.getTotalCount());
        }

    }

}
