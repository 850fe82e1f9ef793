package dev.switchboard.benchmark;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.switchboard.benchmark.Traffic.Batch;
import dev.switchboard.benchmark.Traffic.Tally;
import org.HdrHistogram.Histogram;

/**
 * Rising rates on the same sessions (see {@link Traffic}) until the recipients fall
 * behind: after a warm-up at the first rate (drained), each step sends a short warm-up at
 * its rate and then its measured part, with the meters read around the latter, and waits
 * a few seconds for the step's messages. A step has a backlog when one of them has not
 * arrived by then, when the senders could not keep the rate, or when p99 passes a second;
 * the ramp stops there. What the highest step without a backlog held is the capacity of
 * the suite on this machine, at the latency it had.
 */
final class RampRun {

    /**
     * The warm-up of each step at its own rate, so that its measured part starts steady.
     */
    static final int STEP_WARMUP_SECONDS = 5;

    /** How long after a step's last send its messages may still arrive. */
    private static final int GRACE_SECONDS = 5;

    private static final double HELD_RATE = 0.95;

    private static final long P99_LIMIT_MICROS = TimeUnit.SECONDS.toMicros(1);

    private final BenchmarkOptions options;

    private final URI senderGateway;

    private final URI recipientGateway;

    private final Accounts accounts;

    private final Meters meters;

    private final Profiler profiler;

    /**
     * A ramp.
     * @param options what to run
     * @param senderGateway the senders' WebSocket URI
     * @param recipientGateway the recipients' WebSocket URI
     * @param accounts where users come from
     * @param meters what is read around each step's measured part
     * @param profiler what records the services over all steps, or null
     */
    RampRun(BenchmarkOptions options, URI senderGateway, URI recipientGateway, Accounts accounts, Meters meters,
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
            Batch warmup = traffic.send(this.options.rate(), this.options.warmupSeconds());
            traffic.drain(warmup);
            if (this.profiler != null) {
                this.profiler.start();
            }
            List<Batch> measured = new ArrayList<>();
            List<Measurement> measurements = new ArrayList<>();
            List<Integer> late = new ArrayList<>();
            List<List<String>> backlogs = new ArrayList<>();
            for (int step = 0; step < this.options.rampSteps(); step++) {
                int rate = this.options.rampRate(step);
                traffic.send(rate, STEP_WARMUP_SECONDS);
                Meters.Snapshot before = this.meters.atStart();
                Batch batch = traffic.send(rate, this.options.seconds());
                measurements.add(new Measurement(before, this.meters.atEnd(), batch.size()));
                int unsettled = traffic.awaitSettled(batch, batch.sendEnd() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS));
                measured.add(batch);
                late.add(unsettled);
                List<String> backlog = backlog(batch, unsettled);
                backlogs.add(backlog);
                System.out.printf(Locale.ROOT, "  step %d: %d/s, sent %.0f/s, p99 %.1f ms, %d late: %s%n", step + 1,
                        rate, batch.achievedRate(), batch.oneWay().getValueAtPercentile(99) / 1000.0, unsettled,
                        backlog.isEmpty() ? "held" : "backlog (" + String.join(", ", backlog) + ")");
                if (!backlog.isEmpty()) {
                    break;
                }
            }
            if (this.profiler != null) {
                this.profiler.stop();
            }
            traffic.drain(traffic.batches().toArray(Batch[]::new));
            List<String> profile = (this.profiler != null) ? this.profiler.report() : List.of();
            List<Step> steps = new ArrayList<>();
            for (int i = 0; i < measured.size(); i++) {
                Batch batch = measured.get(i);
                steps.add(new Step(batch.rate(), batch.achievedRate(), batch.tally(), batch.oneWay(), late.get(i),
                        measurements.get(i), backlogs.get(i)));
            }
            return new Result(this.options, steps, traffic.errors(), profile);
        }
    }

    /** Why a step has a backlog; empty if it has none. */
    private static List<String> backlog(Batch batch, int unsettled) {
        List<String> reasons = new ArrayList<>();
        if (unsettled > 0) {
            reasons.add(unsettled + " not received " + GRACE_SECONDS + " s after the step");
        }
        if (batch.achievedRate() < HELD_RATE * batch.rate()) {
            reasons.add(String.format(Locale.ROOT, "sent only %.0f/s", batch.achievedRate()));
        }
        if (batch.oneWay().getValueAtPercentile(99) > P99_LIMIT_MICROS) {
            reasons.add("p99 over 1 s");
        }
        return reasons;
    }

    /**
     * One step of a ramp.
     *
     * @param rate messages per second asked for
     * @param achievedRate messages per second sent in its measured part
     * @param messages what became of its measured messages, once the ramp was drained
     * @param oneWay their one-way latency, microseconds, late arrivals included
     * @param late messages not received or refused a few seconds after the step
     * @param measurement CPU, broker requests and Kafka clients during its measured part
     * @param backlog why it has a backlog, empty if it has none
     */
    record Step(int rate, double achievedRate, Tally messages, Histogram oneWay, int late, Measurement measurement,
            List<String> backlog) {

        boolean held() {
            return this.backlog.isEmpty();
        }

        String line(int number) {
            return String.format(Locale.ROOT,
                    "  step %d: %6d/s asked, %6.0f/s sent; one-way p50 %.1f ms, p99 %.1f ms; late %d, lost %d, "
                            + "duplicates %d; CPU %.0f µs per message; broker %.2f requests per message: %s",
                    number, this.rate, this.achievedRate, this.oneWay.getValueAtPercentile(50) / 1000.0,
                    this.oneWay.getValueAtPercentile(99) / 1000.0, this.late, this.messages.missing(),
                    this.messages.duplicates(), this.measurement.cpuMicrosPerMessage(),
                    this.measurement.brokerRequestsPerMessage(),
                    held() ? "held" : "backlog (" + String.join(", ", this.backlog) + ")");
        }

    }

    /**
     * What the ramp found.
     *
     * @param options what it ran
     * @param steps its steps, the last the first with a backlog (unless none had one)
     * @param errors error frames by code, over the whole ramp
     * @param profile where each service's CPU samples were over all steps (empty unless
     * profiled)
     */
    record Result(BenchmarkOptions options, List<Step> steps, Map<String, Long> errors, List<String> profile) {

        /** The step with the highest rate that had no backlog, or null. */
        Step highestHeld() {
            Step held = null;
            for (Step step : this.steps) {
                if (step.held()) {
                    held = step;
                }
            }
            return held;
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add("ramp: " + this.options.describe());
            lines.add(String.format(Locale.ROOT,
                    "  a step has a backlog when a message is not received %d s after it, the senders keep less than "
                            + "%.0f%% of the rate, or p99 is over 1 s; errors %s",
                    GRACE_SECONDS, 100 * HELD_RATE, LatencyRun.Result.errorSummary(this.errors)));
            for (int i = 0; i < this.steps.size(); i++) {
                lines.add(this.steps.get(i).line(i + 1));
            }
            Step held = highestHeld();
            if (held == null) {
                lines.add("  highest rate held without backlog: none (the first step had one)");
            }
            else {
                lines.add(String.format(Locale.ROOT, "  highest rate held without backlog: %d/s%s", held.rate(),
                        (held == this.steps.get(this.steps.size() - 1))
                                ? " (every step held: more --ramp-steps go further)" : ""));
                lines.add(String.format(Locale.ROOT, "  at %d/s, CPU while measured:", held.rate()));
                lines.addAll(held.measurement().cpuLines());
                lines.addAll(held.measurement().brokerLines());
                lines.addAll(held.measurement().clientLines());
            }
            lines.addAll(this.profile);
            return lines;
        }

        /**
         * Switchboard's figures for the floor to compare with: the highest step held, or
         * the first if none was.
         */
        FloorRun.Reference reference() {
            Step step = (highestHeld() != null) ? highestHeld() : this.steps.get(0);
            return new FloorRun.Reference(step.rate(), step.oneWay().getValueAtPercentile(99),
                    step.measurement().cpuMicrosPerMessage());
        }

    }

}
