package dev.switchboard.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.switchboard.localstack.LocalStack;
import dev.switchboard.localstack.ServiceProcess;

/**
 * CPU time of each part of the suite (every service, Kafka, PostgreSQL, Redis, and the
 * benchmark's own clients), read from {@code /proc}: where a message's cost goes when
 * everything shares one machine. Linux only; elsewhere it reports nothing.
 */
final class CpuAccounting {

    /** Linux's clock ticks per second for {@code /proc/<pid>/stat} (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100;

    /** The benchmark's own process: its clients (and, while it runs, the floor's). */
    static final String CLIENTS = "benchmark clients";

    /** The Kafka broker. */
    static final String KAFKA = "kafka";

    /** PostgreSQL, its server and every backend process. */
    static final String POSTGRES = "postgres";

    private final Map<String, Long> roots = new LinkedHashMap<>();

    CpuAccounting(LocalStack stack) {
        for (ServiceProcess service : stack.services()) {
            this.roots.put(service.name(), service.pid());
        }
        String dataDir = stack.options().dataDir().toString();
        String redisPort = ":" + stack.options().ports().redis();
        for (Map.Entry<Long, String> process : commandLines().entrySet()) {
            String command = process.getValue();
            if (command.contains("kafka.Kafka") && command.contains(dataDir)) {
                this.roots.put(KAFKA, process.getKey());
            }
            else if (command.contains("postgres") && command.contains(" -D " + dataDir)) {
                this.roots.put(POSTGRES, process.getKey());
            }
            else if (command.contains("redis-server") && command.contains(redisPort)) {
                this.roots.put("redis", process.getKey());
            }
        }
        // This process alone: the suite's processes are its children.
        this.roots.put(CLIENTS, ProcessHandle.current().pid());
    }

    /**
     * CPU seconds used so far by each part, its child processes included.
     * @return seconds by part
     */
    Map<String, Double> snapshot() {
        Map<Long, long[]> stats = stats();
        Map<String, Double> seconds = new LinkedHashMap<>();
        this.roots.forEach((name, pid) -> {
            long ticks = 0;
            for (long member : CLIENTS.equals(name) ? List.of(pid) : family(pid, stats)) {
                long[] stat = stats.get(member);
                ticks += (stat != null) ? stat[1] : 0;
            }
            seconds.put(name, ticks / TICKS_PER_SECOND);
        });
        return seconds;
    }

    /**
     * Lines that say how busy each part was between two snapshots.
     * @param before the first snapshot
     * @param after the second
     * @param wallSeconds the time between them
     * @param messages the messages sent between them
     * @return one line per part, busiest first, and a total
     */
    static List<String> report(Map<String, Double> before, Map<String, Double> after, double wallSeconds,
            long messages) {
        List<Map.Entry<String, Double>> used = new ArrayList<>();
        after.forEach((name, seconds) -> used.add(Map.entry(name, seconds - before.getOrDefault(name, 0.0))));
        used.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> lines = new ArrayList<>();
        double total = 0;
        for (Map.Entry<String, Double> part : used) {
            total += part.getValue();
            lines.add(String.format(Locale.ROOT, "    %-18s %5.0f%% of a core, %6.1f µs per message", part.getKey(),
                    100 * part.getValue() / wallSeconds, 1e6 * part.getValue() / Math.max(1, messages)));
        }
        lines.add(String.format(Locale.ROOT, "    %-18s %5.0f%% of a core, %6.1f µs per message", "all",
                100 * total / wallSeconds, 1e6 * total / Math.max(1, messages)));
        return lines;
    }

    private static List<Long> family(long root, Map<Long, long[]> stats) {
        List<Long> members = new ArrayList<>();
        if (stats.containsKey(root)) {
            members.add(root);
        }
        for (int i = 0; i < members.size(); i++) {
            long parent = members.get(i);
            stats.forEach((pid, stat) -> {
                if (stat[0] == parent) {
                    members.add(pid);
                }
            });
        }
        return members;
    }

    /** Every process: its parent and its user plus system ticks. */
    private static Map<Long, long[]> stats() {
        Map<Long, long[]> stats = new HashMap<>();
        for (Path process : processes()) {
            try {
                String stat = Files.readString(process.resolve("stat"), StandardCharsets.UTF_8);
                // The fields after the command name, which is in parentheses and may hold
                // spaces.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long parent = Long.parseLong(fields[1]);
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                stats.put(Long.parseLong(process.getFileName().toString()), new long[] { parent, ticks });
            }
            catch (IOException | RuntimeException ex) {
                // gone meanwhile
            }
        }
        return stats;
    }

    private static Map<Long, String> commandLines() {
        Map<Long, String> commands = new HashMap<>();
        for (Path process : processes()) {
            try {
                String command = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
                commands.put(Long.parseLong(process.getFileName().toString()), command);
            }
            catch (IOException | RuntimeException ex) {
                // gone meanwhile
            }
        }
        return commands;
    }

    private static List<Path> processes() {
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            proc.forEach(processes::add);
        }
        catch (IOException ex) {
            // not Linux
        }
        return processes;
    }

}
