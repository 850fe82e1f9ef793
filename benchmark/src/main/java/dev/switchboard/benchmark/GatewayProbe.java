package dev.switchboard.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What a gateway process holds: its live heap (after a full collection that {@code jcmd}
 * asks for, read from its Prometheus endpoint), its resident memory and its open
 * sessions.
 */
final class GatewayProbe {

    private final HttpClient http = HttpClient.newHttpClient();

    private final URI prometheus;

    private final long pid;

    GatewayProbe(URI gateway, long pid) {
        this.prometheus = gateway.resolve("/actuator/prometheus");
        this.pid = pid;
    }

    /**
     * The heap in use after a full garbage collection.
     * @return bytes
     */
    long liveHeapBytes() {
        collectGarbage();
        return (long) sum(metrics(), "jvm_memory_used_bytes{", "area=\"heap\"");
    }

    /** Resident memory of the process, from {@code /proc}. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(this.pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        catch (IOException ex) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /** The gateway's own count of open sessions. */
    long openSessions() {
        return (long) sum(metrics(), "switchboard_gateway_sessions_open", "");
    }

    private void collectGarbage() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(this.pid), "GC.run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + this.pid + " GC.run failed");
            }
            Thread.sleep(1000);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run " + jcmd + " (a JDK, not a JRE, runs the benchmark)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private String metrics() {
        HttpRequest request = HttpRequest.newBuilder(this.prometheus).timeout(Duration.ofSeconds(30)).build();
        try {
            return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + this.prometheus, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Sums the samples of a metric whose line contains the given label text. */
    private static double sum(String metrics, String metric, String label) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(metric) && line.contains(label)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

}
