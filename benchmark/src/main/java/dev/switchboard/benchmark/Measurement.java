package dev.switchboard.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.switchboard.benchmark.Meters.Snapshot;

/**
 * Where the work of a window went, per message sent in it: CPU by part, the broker's
 * requests by kind, and each service's polls, fetches and produce requests.
 *
 * @param before the readings at its start
 * @param after the readings at its end
 * @param messages the messages sent in it
 */
record Measurement(Snapshot before, Snapshot after, long messages) {

    /** The window's length. */
    double seconds() {
        return (this.after.nanos() - this.before.nanos()) / 1e9;
    }

    /** CPU seconds that every part together used in the window. */
    double cpuSeconds() {
        return cpuSeconds(this.after.cpu().keySet());
    }

    /**
     * CPU seconds that some parts used in the window.
     * @param parts their names, as {@link CpuAccounting} gives them
     * @return the seconds
     */
    double cpuSeconds(Collection<String> parts) {
        double seconds = 0;
        for (String part : parts) {
            seconds += this.after.cpu().getOrDefault(part, 0.0) - this.before.cpu().getOrDefault(part, 0.0);
        }
        return seconds;
    }

    /** CPU per message of every part together, microseconds. */
    double cpuMicrosPerMessage() {
        return 1e6 * cpuSeconds() / Math.max(1, this.messages);
    }

    /** The broker's requests in the window, by kind (empty if they were not read). */
    Map<String, Long> brokerRequests() {
        if (this.before.brokerRequests().isEmpty() || this.after.brokerRequests().isEmpty()) {
            return Map.of();
        }
        Map<String, Long> requests = new TreeMap<>();
        this.after.brokerRequests().forEach((kind, count) -> {
            long served = count - this.before.brokerRequests().getOrDefault(kind, 0L);
            if (served > 0) {
                requests.put(kind, served);
            }
        });
        return requests;
    }

    /**
     * The broker's requests in the window per message, all kinds together (NaN if not
     * read).
     */
    double brokerRequestsPerMessage() {
        Map<String, Long> requests = brokerRequests();
        if (this.after.brokerRequests().isEmpty()) {
            return Double.NaN;
        }
        return requests.values().stream().mapToLong(Long::longValue).sum() / (double) Math.max(1, this.messages);
    }

    /** CPU by part, as {@link CpuAccounting#report} says it. */
    List<String> cpuLines() {
        return CpuAccounting.report(this.before.cpu(), this.after.cpu(), seconds(), this.messages);
    }

    /** The broker's requests per message and per second, by kind, most first, and all. */
    List<String> brokerLines() {
        List<String> lines = new ArrayList<>();
        if (this.after.brokerRequests().isEmpty()) {
            lines.add("  broker requests: not read (" + this.after.brokerProblem() + ")");
            return lines;
        }
        lines.add("  broker requests while measured (its own count, all clients):");
        List<Map.Entry<String, Long>> kinds = new ArrayList<>(brokerRequests().entrySet());
        kinds.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        long total = 0;
        for (Map.Entry<String, Long> kind : kinds) {
            total += kind.getValue();
            lines.add(requestLine(kind.getKey(), kind.getValue()));
        }
        lines.add(requestLine("all", total));
        return lines;
    }

    /** The broker's requests per message, on one line: all, then each kind. */
    String brokerSummary() {
        Map<String, Long> requests = brokerRequests();
        if (this.after.brokerRequests().isEmpty()) {
            return "not read";
        }
        List<Map.Entry<String, Long>> kinds = new ArrayList<>(requests.entrySet());
        kinds.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%.2f (", brokerRequestsPerMessage()));
        for (int i = 0; i < kinds.size(); i++) {
            summary.append((i > 0) ? ", " : "")
                .append(kinds.get(i).getKey())
                .append(' ')
                .append(String.format(Locale.ROOT, "%.2f",
                        kinds.get(i).getValue() / (double) Math.max(1, this.messages)));
        }
        return summary.append(')').toString();
    }

    /** One line per service: its polls, fetches, produce requests and commits. */
    List<String> clientLines() {
        List<String> lines = new ArrayList<>();
        lines.add("  Kafka clients of each service while measured (summed over its clients and topics):");
        double perMessage = Math.max(1, this.messages);
        this.after.clients().forEach((service, counts) -> {
            KafkaClientCounts before = this.before.clients().get(service);
            if (before == null) {
                lines.add(String.format(Locale.ROOT, "    %-18s not read", service));
                return;
            }
            KafkaClientCounts used = counts.minus(before);
            lines.add(String.format(Locale.ROOT,
                    "    %-18s %6.1f polls with records/s, %6.1f records each; per message %5.2f fetches, %5.2f "
                            + "produce requests (%5.2f records), %5.2f offset commits",
                    service, used.batches() / seconds(), used.records() / Math.max(1, used.batches()),
                    used.fetches() / perMessage, used.produceRequests() / perMessage, used.recordsSent() / perMessage,
                    used.commits() / perMessage));
        });
        return lines;
    }

    private String requestLine(String kind, long count) {
        return String.format(Locale.ROOT, "    %-24s %7.2f per message, %8.1f/s", kind,
                count / (double) Math.max(1, this.messages), count / seconds());
    }

}
