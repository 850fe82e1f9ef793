package dev.switchboard.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./run-local [--fresh] [--gateways 2] [--tuned] [--data-dir DIR]}: starts the
 * whole suite and keeps it running until Ctrl-C, which stops everything.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        boolean fresh = false;
        boolean tuned = false;
        int gateways = 1;
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--fresh")) {
                fresh = true;
            }
            else if (arg.equals("--tuned")) {
                tuned = true;
            }
            else if (arg.startsWith("--gateways")) {
                gateways = Integer.parseInt(arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args[++i]);
                if (gateways < 1 || gateways > 2) {
                    usage("--gateways is 1 or 2");
                }
            }
            else if (arg.startsWith("--data-dir")) {
                dataDir = Path.of(arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args[++i]).toAbsolutePath();
            }
            else {
                usage(arg.equals("--help") ? null : "unknown option " + arg);
            }
        }
        StackOptions options = StackOptions.defaults(root, gateways)
            .withFresh(fresh)
            .withTuned(tuned)
            .withClassDataSharing(true);
        if (dataDir != null) {
            options = options.withDataDir(dataDir);
        }
        System.out.println("Starting Switchboard (data in " + options.dataDir() + ")");
        LocalStack stack;
        try {
            stack = LocalStack.start(options);
        }
        catch (StartupException ex) {
            System.err.println();
            System.err.println("Switchboard did not start: " + ex.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println();
            System.out.println("Stopping Switchboard ...");
            stack.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));
        for (ServiceProcess service : stack.services()) {
            watch(service, stopping);
        }
        System.out.println();
        System.out.println("Switchboard is up: http://localhost:" + options.ports().gateways().get(0)
                + "  (WebSocket ws://localhost:" + options.ports().gateways().get(0) + "/messaging)");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void watch(ServiceProcess service, AtomicBoolean stopping) {
        Thread watcher = new Thread(() -> {
            while (service.isAlive()) {
                try {
                    Thread.sleep(1000);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
            if (!stopping.get()) {
                System.err.println(service.name() + " stopped unexpectedly; its log is " + service.log());
            }
        }, "watch-" + service.name());
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: ./run-local [--fresh] [--gateways 1|2] [--tuned] [--data-dir DIR]");
        System.err.println("  --fresh       wipe the local data (PostgreSQL, Redis, Kafka) first");
        System.err.println("  --gateways 2  run two gateway nodes (8080 and 8090) to try cross-node routing");
        System.err
            .println("  --tuned       run the services with the full optimizing JIT (for measurements; slower start)");
        System.err.println("  --data-dir    where data and logs live (default .local)");
        System.exit((problem != null) ? 2 : 0);
    }

}
