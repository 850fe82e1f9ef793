package dev.switchboard.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a gateway process holds: its live heap (after a full collection that {@code jcmd}
 * asks for, read from its Prometheus endpoint), its resident memory and its open
 * sessions.
 */
final class GatewayProbe {

    private final Prometheus prometheus;

    private final long pid;

    GatewayProbe(URI gateway, long pid) {
        this.prometheus = new Prometheus(gateway);
        this.pid = pid;
    }

    /**
     * The heap in use after a full garbage collection.
     * @return bytes
     */
    long liveHeapBytes() {
        collectGarbage();
        return (long) Prometheus.sum(this.prometheus.scrape(), "jvm_memory_used_bytes", "area=\"heap\"");
    }

    /**
     * The live objects by class, after a full garbage collection.
     * @return the histogram
     */
    ClassHistogram classes() {
        return ClassHistogram.of(this.pid);
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
        return (long) Prometheus.sum(this.prometheus.scrape(), "switchboard_gateway_sessions_open", "");
    }

    private void collectGarbage() {
        Jcmd.run(this.pid, "GC.run");
        try {
            Thread.sleep(1000);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
