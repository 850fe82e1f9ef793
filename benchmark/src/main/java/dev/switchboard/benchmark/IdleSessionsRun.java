package dev.switchboard.benchmark;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.sun.management.UnixOperatingSystemMXBean;

import dev.switchboard.benchmark.Accounts.Account;

/**
 * Many idle sessions on one gateway: how fast they open, how much of the gateway's heap
 * (live, after a full collection) and resident memory each one costs, and whether they
 * stay open through the gateway's keep-alive pings.
 */
final class IdleSessionsRun {

    private static final int HANDSHAKES_IN_FLIGHT = 200;

    private static final long IDLE_SECONDS = 35;

    private static final int TOP_CLASSES = 15;

    // Descriptors the benchmark's own process needs besides its sessions (jars, the
    // latency part's clients, HTTP clients, jcmd's temporary files).
    private static final long DESCRIPTOR_HEADROOM = 1000;

    private final BenchmarkOptions options;

    private final URI gatewayWebSocket;

    private final Accounts accounts;

    private final GatewayProbe gateway;

    IdleSessionsRun(BenchmarkOptions options, URI gatewayWebSocket, Accounts accounts, GatewayProbe gateway) {
        this.options = options;
        this.gatewayWebSocket = gatewayWebSocket;
        this.accounts = accounts;
        this.gateway = gateway;
    }

    private static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    Result run() throws InterruptedException {
        int sessions = this.options.idleSessions();
        int perUser = this.options.sessionsPerUser();
        long descriptors = maxOpenFiles();
        if (descriptors > 0 && sessions + DESCRIPTOR_HEADROOM > descriptors) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--idle-sessions %d needs about %d open files in this process and in the gateway, but the limit "
                            + "here is %d (ulimit -n): use at most %d, or open the sessions from more than one host",
                    sessions, sessions + DESCRIPTOR_HEADROOM, descriptors, descriptors - DESCRIPTOR_HEADROOM));
        }
        List<Account> users = this.accounts.register((sessions + perUser - 1) / perUser);
        long sessionsBefore = this.gateway.openSessions();
        long heapBefore = this.gateway.liveHeapBytes();
        long residentBefore = this.gateway.residentBytes();
        ClassHistogram classesBefore = this.gateway.classes();

        HttpClient http = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(HANDSHAKES_IN_FLIGHT);
        LongAdder refused = new LongAdder();
        List<CompletableFuture<Client>> opening = new ArrayList<>(sessions);
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            inFlight.acquire();
            CompletableFuture<Client> client = Client.open(http, this.gatewayWebSocket, users.get(i / perUser),
                    (frame) -> {
                    });
            client.whenComplete((opened, failure) -> {
                inFlight.release();
                if (failure != null) {
                    refused.increment();
                }
            });
            opening.add(client);
        }
        List<Client> open = new ArrayList<>(sessions);
        for (CompletableFuture<Client> client : opening) {
            try {
                open.add(client.join());
            }
            catch (RuntimeException ex) {
                // counted in refused
            }
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;

        TimeUnit.SECONDS.sleep(IDLE_SECONDS);
        long stillOpen = open.stream().filter((client) -> !client.closed().isDone()).count();
        long gatewayCount = this.gateway.openSessions() - sessionsBefore;
        long heapAfter = this.gateway.liveHeapBytes();
        long residentAfter = this.gateway.residentBytes();
        List<String> perSession = this.gateway.classes().grewFrom(classesBefore, Math.max(1, open.size()), TOP_CLASSES);
        open.forEach(Client::close);
        return new Result(sessions, open.size(), refused.sum(), openSeconds, stillOpen, gatewayCount, heapBefore,
                heapAfter, residentBefore, residentAfter, perSession);
    }

    /**
     * What the run found.
     *
     * @param requested sessions asked for
     * @param opened sessions that got {@code ready}
     * @param refused handshakes that failed
     * @param openSeconds time to open them all
     * @param stillOpen sessions open after the idle period
     * @param gatewayCount the gateway's own count of them
     * @param heapBefore live heap before, bytes
     * @param heapAfter live heap with the sessions open, bytes
     * @param residentBefore resident memory before, bytes
     * @param residentAfter resident memory with the sessions open, bytes
     * @param perSession what each session added to the live heap, by class, most first
     */
    record Result(int requested, int opened, long refused, double openSeconds, long stillOpen, long gatewayCount,
            long heapBefore, long heapAfter, long residentBefore, long residentAfter, List<String> perSession) {

        List<String> lines() {
            double perSessionHeap = (this.heapAfter - this.heapBefore) / (double) Math.max(1, this.opened) / 1024;
            double perSessionResident = (this.residentAfter - this.residentBefore) / (double) Math.max(1, this.opened)
                    / 1024;
            List<String> lines = new ArrayList<>(List.of(
                    String.format(Locale.ROOT,
                            "idle sessions: %d asked, %d opened in %.1f s (%.0f/s), %d refused; after %d s idle %d "
                                    + "still open, gateway counts %d",
                            this.requested, this.opened, this.openSeconds, this.opened / this.openSeconds, this.refused,
                            IDLE_SECONDS, this.stillOpen, this.gatewayCount),
                    String.format(Locale.ROOT,
                            "  gateway live heap %.1f MB -> %.1f MB: %.2f KB per session; resident %.0f MB -> %.0f MB: "
                                    + "%.1f KB per session",
                            this.heapBefore / 1048576.0, this.heapAfter / 1048576.0, perSessionHeap,
                            this.residentBefore / 1048576.0, this.residentAfter / 1048576.0, perSessionResident)));
            lines.add("  live heap per session by class (bytes, instances):");
            this.perSession.forEach((row) -> lines.add("    " + row));
            return lines;
        }

    }

}
