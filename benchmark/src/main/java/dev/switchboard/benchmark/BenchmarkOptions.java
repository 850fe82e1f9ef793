package dev.switchboard.benchmark;

import java.util.Locale;

/**
 * What {@code ./run-benchmark} measures, and how hard.
 *
 * @param rate messages per second, over all senders
 * @param seconds how long the measured part of the latency run lasts
 * @param warmupSeconds how long the same load runs before it (the JITs of every process
 * compile the hot paths meanwhile; not counted, and drained before the measured part)
 * @param pairs sender and recipient pairs, each user on its own WebSocket
 * @param gateways gateway nodes (with 2, senders use the first, recipients the second)
 * @param idleSessions idle WebSocket sessions opened on one gateway (0: skip)
 * @param sessionsPerUser sessions per user in the idle run
 * @param latency whether to run the latency part
 */
record BenchmarkOptions(int rate, int seconds, int warmupSeconds, int pairs, int gateways, int idleSessions,
        int sessionsPerUser, boolean latency) {

    static final String USAGE = """
            ./run-benchmark [--rate 2000] [--seconds 30] [--warmup 60] [--pairs 200] [--gateways 1|2]
                            [--idle-sessions 15000] [--sessions-per-user 50] [--skip-latency]

            Starts the whole suite (tuned JVMs, fresh data under benchmark/target/stack) and prints:
              latency   one-way latency, send to delivery on the recipient's socket, of --rate messages
                        per second for --seconds (after --warmup of the same load, drained), with loss,
                        duplicates, and the CPU each part of the suite used;
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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (name.equals("--skip-latency")) {
                latency = false;
                continue;
            }
            int value = number(name, arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : next(args, ++i, name));
            switch (name) {
                case "--rate" -> rate = value;
                case "--seconds" -> seconds = value;
                case "--warmup" -> warmup = value;
                case "--pairs" -> pairs = value;
                case "--gateways" -> gateways = value;
                case "--idle-sessions" -> idleSessions = value;
                case "--sessions-per-user" -> sessionsPerUser = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        BenchmarkOptions options = new BenchmarkOptions(rate, seconds, warmup, pairs, gateways, idleSessions,
                sessionsPerUser, latency);
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
    }

    /** Messages per second that each sender sends. */
    double ratePerSender() {
        return (double) this.rate / this.pairs;
    }

    String describe() {
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
