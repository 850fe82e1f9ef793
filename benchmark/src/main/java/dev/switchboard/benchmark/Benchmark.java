package dev.switchboard.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.switchboard.localstack.LocalStack;
import dev.switchboard.localstack.StackOptions;
import dev.switchboard.localstack.StackPorts;
import dev.switchboard.localstack.StartupException;

/**
 * {@code ./run-benchmark}: starts the whole suite on this machine, as {@code ./run-local
 * --tuned} does but with fresh data on free ports, measures it with real WebSocket
 * clients and prints the figures. It judges nothing: what the figures should be is in
 * docs/benchmarks.md, with those measured so far.
 */
public final class Benchmark {

    /**
     * The floor's warm-up, at most: its clients are new to this process's JITs, but the
     * broker and the database are warm by then.
     */
    private static final int FLOOR_WARMUP_SECONDS = 20;

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        }
        catch (IllegalArgumentException ex) {
            if (!ex.getMessage().isEmpty()) {
                System.err.println(ex.getMessage());
            }
            System.err.println(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        Path root = Path.of("").toAbsolutePath();
        StackPorts ports = StackPorts.free(options.gateways());
        StackOptions stackOptions = StackOptions.defaults(root, options.gateways())
            .withDataDir(root.resolve("benchmark/target/stack"))
            .withFresh(true)
            .withClassDataSharing(true)
            .withPorts(ports)
            .withTuned(true)
            // The broker's own request counts, read over JMX, for the latency part.
            .withKafkaJmxPort(options.latency() ? ports.freePortBesides() : 0)
            // Each service records from its start; the profile reads the measured window.
            .withExtraJvmOptions(options.profile() ? Profiler.jvmOptions() : List.of())
            .withExtraProperties(Map.of(
                    // Every user of the benchmark comes from this machine's address.
                    "switchboard.auth.rate-limits.getcode-per-ip", "1000000/1h",
                    "switchboard.auth.rate-limits.login-per-ip", "1000000/1h",
                    "switchboard.gateway.auth-rate-limit.replenish-rate", "100000",
                    "switchboard.gateway.auth-rate-limit.burst-capacity", "100000",
                    // A sender sends rate / pairs messages a second (at a ramp's last
                    // step).
                    "switchboard.gateway.websocket.frames-per-second",
                    Integer.toString(Math.max(20, (int) Math.ceil(options.ratePerSender() * 2))),
                    "switchboard.gateway.websocket.frame-burst",
                    Integer.toString(Math.max(40, (int) Math.ceil(options.ratePerSender() * 4))),
                    "switchboard.gateway.websocket.max-sessions-per-user",
                    Integer.toString(Math.max(10, options.sessionsPerUser()))));
        List<String> report = new ArrayList<>();
        System.out.println("Starting the whole suite for the benchmark (" + options.describe() + ") ...");
        try (LocalStack stack = LocalStack.start(stackOptions)) {
            URI http = URI.create("http://localhost:" + stack.gateway(1).port());
            Accounts accounts = new Accounts(http);
            if (options.latency()) {
                report.addAll(latency(options, stack, accounts));
            }
            if (options.idleSessions() > 0) {
                System.out.println("Opening " + options.idleSessions() + " idle sessions ...");
                GatewayProbe probe = new GatewayProbe(http, stack.gateway(1).pid());
                report.addAll(new IdleSessionsRun(options, webSocket(stack, 1), accounts, probe).run().lines());
            }
        }
        catch (StartupException ex) {
            System.err.println("The suite did not start: " + ex.getMessage());
            System.exit(1);
        }
        report.add(0, machine());
        System.out.println();
        report.forEach((line) -> System.out.println("[benchmark] " + line));
    }

    /**
     * The latency part: one rate or a ramp, then the raw floor at the rate that the
     * latency part's figures are compared at.
     */
    private static List<String> latency(BenchmarkOptions options, LocalStack stack, Accounts accounts)
            throws InterruptedException {
        List<String> lines = new ArrayList<>();
        URI senders = webSocket(stack, 1);
        URI recipients = webSocket(stack, options.gateways());
        Profiler profiler = options.profile() ? new Profiler(stack.services()) : null;
        try (Meters meters = Meters.of(stack)) {
            FloorRun.Reference reference;
            if (options.ramp()) {
                System.out.println("Ramping up the rate ...");
                RampRun.Result ramp = new RampRun(options, senders, recipients, accounts, meters, profiler).run();
                lines.addAll(ramp.lines());
                reference = ramp.reference();
            }
            else {
                System.out.println("Measuring latency ...");
                LatencyRun.Result latency = new LatencyRun(options, senders, recipients, accounts, meters, profiler)
                    .run();
                lines.addAll(latency.lines());
                reference = latency.reference();
            }
            if (options.floor()) {
                System.out.println("Measuring the raw floor at " + reference.rate() + "/s ...");
                try {
                    FloorRun.Result floor = new FloorRun(reference.rate(),
                            Math.min(options.warmupSeconds(), FLOOR_WARMUP_SECONDS), options.seconds(), options.pairs(),
                            stack.kafkaBootstrapServers(), stack.jdbcUrl(), meters)
                        .run();
                    lines.addAll(floor.lines());
                    lines.add(floor.comparedWith(reference));
                }
                catch (InterruptedException ex) {
                    throw ex;
                }
                catch (Exception ex) {
                    // The figures measured so far stand without it.
                    lines.add("floor: failed: " + ex);
                }
            }
        }
        return lines;
    }

    private static URI webSocket(LocalStack stack, int gateway) {
        return URI.create("ws://localhost:" + stack.gateway(gateway).port() + "/messaging");
    }

    private static String machine() {
        String load = "";
        try {
            load = ", load average over the last minute " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        }
        catch (IOException ex) {
            // not Linux
        }
        return "machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + load;
    }

}
