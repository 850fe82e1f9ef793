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
        StackOptions stackOptions = StackOptions.defaults(root, options.gateways())
            .withDataDir(root.resolve("benchmark/target/stack"))
            .withFresh(true)
            .withPorts(StackPorts.free(options.gateways()))
            .withTuned(true)
            .withExtraProperties(Map.of(
                    // Every user of the benchmark comes from this machine's address.
                    "switchboard.auth.rate-limits.getcode-per-ip", "1000000/1h",
                    "switchboard.auth.rate-limits.login-per-ip", "1000000/1h",
                    "switchboard.gateway.auth-rate-limit.replenish-rate", "100000",
                    "switchboard.gateway.auth-rate-limit.burst-capacity", "100000",
                    // A sender sends rate / pairs messages a second.
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
                System.out.println("Measuring latency ...");
                URI recipients = webSocket(stack, options.gateways());
                report
                    .addAll(new LatencyRun(options, webSocket(stack, 1), recipients, accounts, new CpuAccounting(stack))
                        .run()
                        .lines());
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
