package dev.switchboard.benchmark;

import java.util.Locale;

/**
 * What {@code ./run-benchmark} measures, and how hard.
 *
 * @param rate messages per second, over all senders (in a ramp, of its first step)
 * @param seconds how long the measured part of the latency run lasts (in a ramp, each
 * step's)
 * @param warmupSeconds how long the same load runs before it (the JITs of every process
 * compile the hot paths meanwhile; not counted, and drained before the measured part)
 * @param pairs sender and recipient pairs, each user on its own WebSocket
 * @param gateways gateway nodes (with 2, senders use the first, recipients the second)
 * @param idleSessions idle WebSocket sessions opened on one gateway (0: skip)
 * @param sessionsPerUser sessions per user in the idle run
 * @param latency whether to run the latency part
 * @param floor whether to measure the raw floor (plain Kafka clients and JDBC on the same
 * path) after the latency part
 * @param ramp whether the latency part is a ramp of rising rates rather than one rate
 * @param rampStepPercent how much each step of a ramp raises the rate, in percent
 * @param rampSteps the most steps a ramp takes
 * @param profile whether to record each service with JFR while measured
 */
record BenchmarkOptions(int rate, int seconds, int warmupSeconds, int pairs, int gateways, int idleSessions,
        int sessionsPerUser, boolean latency, boolean floor, boolean ramp, int rampStepPercent, int rampSteps,
        boolean profile) {

    static final String USAGE = """
            ./run-benchmark [--rate 2000] [--seconds 30] [--warmup 60] [--pairs 200] [--gateways 1|2]
                            [--idle-sessions 15000] [--sessions-per-user 50] [--skip-latency]
                            [--skip-floor] [--ramp [--ramp-step 50] [--ramp-steps 10]] [--profile]

            Starts the whole suite (tuned JVMs, fresh data under benchmark/target/stack) and prints:
              latency   one-way latency, send to delivery on the recipient's socket, of --rate messages
                        per second for --seconds (after --warmup of the same load, drained), with loss,
                        duplicates, the CPU each part of the suite used, the broker's requests per
                        message by kind (read over JMX) and each service's Kafka polls, fetches and
                        produce requests (read from its /actuator/prometheus);
              floor     the same path with plain Kafka clients and JDBC in the benchmark's process
                        (produce, route to a node topic, consume; store in batches) at the same rate:
                        its latency and CPU per message, and Switchboard's as a multiple of them
                        (--skip-floor skips it);
              ramp      with --ramp, instead of one rate: steps from --rate up, each --ramp-step
                        percent (50) faster, 5 s of warm-up and --seconds measured, until the
                        recipients fall behind or after --ramp-steps (10): each step's figures and
                        the highest rate held (the floor then runs at that rate);
              profile   with --profile, each service runs with JFR and its measured window is kept in
                        benchmark/target/stack/logs/<service>.jfr: samples by code area, top methods;
              sessions  gateway heap per idle WebSocket session, over --idle-sessions sessions
                        (--idle-sessions 0 skips it).""";

    static BenchmarkOptions parse(String[] args) {
        int rate = 2000;
        int seconds = 30;
        int warmup = 60;
        int pairs = 200;
        int gateways = 1;
        int idleSessions = 15000;
        int sessionsPerUser = 50;
        boolean latency = true;
        boolean floor = true;
        boolean ramp = false;
        int rampStep = 50;
        int rampSteps = 10;
        boolean profile = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            switch (name) {
                case "--skip-latency" -> latency = false;
                case "--skip-floor" -> floor = false;
                case "--ramp" -> ramp = true;
                case "--profile" -> profile = true;
                default -> {
                    int value = number(name,
                            arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : next(args, ++i, name));
                    switch (name) {
                        case "--rate" -> rate = value;
                        case "--seconds" -> seconds = value;
                        case "--warmup" -> warmup = value;
                        case "--pairs" -> pairs = value;
                        case "--gateways" -> gateways = value;
                        case "--idle-sessions" -> idleSessions = value;
                        case "--sessions-per-user" -> sessionsPerUser = value;
                        case "--ramp-step" -> rampStep = value;
                        case "--ramp-steps" -> rampSteps = value;
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                }
            }
        }
        BenchmarkOptions options = new BenchmarkOptions(rate, seconds, warmup, pairs, gateways, idleSessions,
                sessionsPerUser, latency, floor, ramp, rampStep, rampSteps, profile);
        options.validate();
        return options;
    }

    private void validate() {
        require(this.rate >= 1, "--rate is at least 1");
        require(this.seconds >= 1, "--seconds is at least 1");
        require(this.warmupSeconds >= 0, "--warmup is not negative");
        require(this.pairs >= 1, "--pairs is at least 1");
        require(this.gateways == 1 || this.gateways == 2, "--gateways is 1 or 2");
        require(this.idleSessions >= 0, "--idle-sessions is not negative");
        require(this.sessionsPerUser >= 1 && this.sessionsPerUser <= 1000, "--sessions-per-user is 1 to 1000");
        require(this.rampStepPercent >= 1 && this.rampStepPercent <= 1000, "--ramp-step is 1 to 1000 (percent)");
        require(this.rampSteps >= 1 && this.rampSteps <= 30, "--ramp-steps is 1 to 30");
        require(maxRate() <= 1_000_000, "a ramp that goes past 1,000,000 messages per second: fewer --ramp-steps");
        require(this.latency || !(this.ramp || this.profile), "--ramp and --profile need the latency part");
    }

    /** Messages per second that each sender sends, at the highest rate of the run. */
    double ratePerSender() {
        return (double) maxRate() / this.pairs;
    }

    /** The highest rate of the run: a ramp's last possible step, or the one rate. */
    int maxRate() {
        return this.ramp ? rampRate(this.rampSteps - 1) : this.rate;
    }

    /**
     * The rate of a ramp's step.
     * @param step counted from 0
     * @return messages per second
     */
    int rampRate(int step) {
        return (int) Math.round(this.rate * Math.pow(1 + this.rampStepPercent / 100.0, step));
    }

    String describe() {
        if (this.ramp) {
            return String.format(Locale.ROOT,
                    "ramp from %d/s after %d s warm-up, +%d%% a step, at most %d steps of %d s warm-up and %d s "
                            + "measured, %d pairs, %d gateway(s)",
                    this.rate, this.warmupSeconds, this.rampStepPercent, this.rampSteps, RampRun.STEP_WARMUP_SECONDS,
                    this.seconds, this.pairs, this.gateways);
        }
        return String.format(Locale.ROOT, "rate %d/s, %d s measured after %d s warm-up, %d pairs, %d gateway(s)",
                this.rate, this.seconds, this.warmupSeconds, this.pairs, this.gateways);
    }

    private static String next(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(name + " takes a number, not " + value);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

}
