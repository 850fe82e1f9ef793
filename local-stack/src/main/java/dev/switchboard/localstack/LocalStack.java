package dev.switchboard.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The whole suite: the engines side by side, then every service (auth-, history- and
 * message-service and the gateway nodes) at once. {@link #close()} stops the services all
 * at once (gracefully, in parallel), then the engines in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private final StackOptions options;

    private final Map<String, StackEngine> engines = new LinkedHashMap<>();

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private LocalStack(StackOptions options) {
        this.options = options;
    }

    /**
     * Starts a stack; on failure, stops what it started and says which part failed.
     * @param options how to run it
     * @return the running stack
     * @throws StartupException if a part did not start
     */
    public static LocalStack start(StackOptions options) {
        LocalStack stack = new LocalStack(options);
        try {
            stack.startAll();
            return stack;
        }
        catch (StartupException ex) {
            stack.close();
            throw ex;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            stack.close();
            throw new StartupException("Interrupted while starting", ex);
        }
        catch (Exception ex) {
            stack.close();
            throw new StartupException("The stack did not start: " + ex, ex);
        }
    }

    /**
     * A running service by name ({@code auth-service}, {@code gateway-1}, ...).
     * @param name the name
     * @return the service
     */
    public ServiceProcess service(String name) {
        ServiceProcess service = this.services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + " in " + this.services.keySet());
        }
        return service;
    }

    /**
     * Gateway node {@code n}, counted from 1.
     * @param n the node
     * @return the service
     */
    public ServiceProcess gateway(int n) {
        return service("gateway-" + n);
    }

    /**
     * An engine of the stack, for a test that stops or kills it and starts it again.
     * @param name {@code kafka}, {@code postgres} or {@code redis}
     * @return the engine
     */
    public StackEngine engine(String name) {
        StackEngine engine = this.engines.get(name);
        if (engine == null) {
            throw new IllegalArgumentException("No engine " + name + " in " + this.engines.keySet());
        }
        return engine;
    }

    /**
     * Starts one more instance of a running service (a second message-service, for a test
     * that scales out under load) on a free port, with the same settings, and waits until
     * it is ready. The stack stops it with the others.
     * @param name the service to copy, such as {@code message-service}
     * @param newName the new instance's name, such as {@code message-service-2}
     * @param extraProperties settings of the new instance only (its Kafka client id, say)
     * @return the new instance, ready
     * @throws IOException if it could not be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    public synchronized ServiceProcess startAnother(String name, String newName, Map<String, String> extraProperties)
            throws IOException, InterruptedException {
        if (this.services.containsKey(newName)) {
            throw new IllegalArgumentException(newName + " exists already");
        }
        ServiceProcess copy = service(name).another(newName, StackPorts.freePort(),
                this.options.logs().resolve(newName + ".log"), extraProperties);
        this.services.put(newName, copy);
        copy.start();
        copy.awaitReady(this.options.startTimeout());
        return copy;
    }

    /**
     * Every service, in start order.
     * @return the services
     */
    public List<ServiceProcess> services() {
        return List.copyOf(this.services.values());
    }

    /**
     * The options the stack runs with.
     * @return the options
     */
    public StackOptions options() {
        return this.options;
    }

    /**
     * The JDBC URL of the stack's database (user {@code postgres}, no password).
     * @return the URL
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + this.options.ports().postgres() + "/" + LocalPostgres.DATABASE;
    }

    /**
     * The bootstrap servers of the stack's Kafka broker.
     * @return {@code localhost:<port>}
     */
    public String kafkaBootstrapServers() {
        return "localhost:" + this.options.ports().kafka();
    }

    private void startAll() throws Exception {
        PrintStream out = this.options.out();
        // Before a wipe, which would delete the process ids that name them.
        for (String leftover : Processes.stopLeftovers(this.options.run())) {
            out.println("  stopped " + leftover + ", left running by an earlier launcher");
        }
        if (this.options.fresh()) {
            deleteRecursively(this.options.dataDir());
            out.println("  wiped " + this.options.dataDir());
        }
        Files.createDirectories(this.options.logs());
        checkPortsFree();
        StackPorts ports = this.options.ports();
        String jmx = (this.options.kafkaJmxPort() != 0) ? ", JMX port " + this.options.kafkaJmxPort() : "";
        // Side by side: none needs another, and the broker's JVM start is the longest.
        startEngines(List.of(
                new StackEngine("postgres", "PostgreSQL", "port " + ports.postgres(),
                        () -> LocalPostgres.start(this.options.data().resolve("postgres"), ports.postgres())),
                new StackEngine("redis", "Redis", "port " + ports.redis(),
                        () -> LocalRedis.start(this.options.data().resolve("redis"), ports.redis())),
                new StackEngine("kafka", "Kafka (KRaft)",
                        "port " + ports.kafka() + jmx + ", log " + this.options.logs().resolve("kafka.log"),
                        () -> LocalKafka.start(this.options))));

        Map<String, String> common = new LinkedHashMap<>();
        common.put("spring.profiles.active", "local");
        common.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
        common.put("spring.data.redis.url", "redis://localhost:" + ports.redis());
        common.put("switchboard.auth-client.introspection-uri",
                "http://localhost:" + ports.auth() + "/internal/auth/introspect");
        Map<String, String> database = Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username",
                "postgres", "spring.datasource.password", "");
        Map<String, String> environment = Map.of("SWITCHBOARD_AUTH_CODE_SECRET", codeSecret());

        List<ServiceProcess> backends = List.of(
                define("auth-service", "auth-service", ports.auth(), common, database, environment),
                define("history-service", "history-service", ports.history(), common, database, Map.of()),
                define("message-service", "message-service", ports.message(), common, Map.of(), Map.of()));
        // The gateways need auth-service only when a client comes, so every service
        // starts
        // at once (the machine's cores, not the order, bound how long that takes).
        List<ServiceProcess> all = new ArrayList<>(backends);
        for (int n = 1; n <= ports.gateways().size(); n++) {
            Map<String, String> gateway = new LinkedHashMap<>();
            gateway.put("switchboard.gateway.node-id", "gw-" + n);
            gateway.put("switchboard.gateway.auth-uri", "http://localhost:" + ports.auth());
            gateway.put("switchboard.gateway.history-uri", "http://localhost:" + ports.history());
            StackOptions.ProxiedKafka proxied = this.options.proxiedKafka();
            if (proxied != null && proxied.gateway() == n) {
                gateway.put("spring.kafka.bootstrap-servers", "localhost:" + proxied.proxyPort());
            }
            all.add(define("gateway-" + n, "gateway-service", ports.gateways().get(n - 1), common, gateway, Map.of()));
        }
        startTogether(all);
    }

    private ServiceProcess define(String name, String module, int port, Map<String, String> common,
            Map<String, String> own, Map<String, String> environment) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(common);
        properties.putAll(own);
        properties.putAll(this.options.extraProperties());
        ServiceProcess service = new ServiceProcess(name, ServiceProcess.jarOf(this.options.root(), module), port,
                properties, environment, this.options.logs().resolve(name + ".log"), this.options.run(),
                this.options.jvmOptions(), this.options.classDataSharing());
        this.services.put(name, service);
        return service;
    }

    private void startTogether(List<ServiceProcess> group) throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (ServiceProcess service : group) {
            service.start();
        }
        for (ServiceProcess service : group) {
            this.options.out().print("  " + pad(service.name()) + " starting ... ");
            this.options.out().flush();
            service.awaitReady(this.options.startTimeout());
            this.options.out()
                .printf("ready at http://localhost:%d (%.1fs), log %s%n", service.port(),
                        (System.nanoTime() - started) / 1e9, service.log());
        }
    }

    /**
     * Starts the engines side by side and keeps them, in the given order, for closing in
     * reverse; says each one's start as it is ready. If one fails, those that started are
     * kept too (closing the stack stops them) and the first failure is thrown.
     */
    private void startEngines(List<StackEngine> engines) throws Exception {
        long started = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(engines.size());
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (StackEngine engine : engines) {
                this.engines.put(engine.name(), engine);
                starts.add(starter.submit(() -> {
                    engine.start();
                    synchronized (this.options.out()) {
                        this.options.out()
                            .printf("  %s ready, %s (%.1fs)%n", pad(engine.title()), engine.detail(),
                                    (System.nanoTime() - started) / 1e9);
                    }
                    return null;
                }));
            }
            Exception failure = null;
            for (int i = 0; i < starts.size(); i++) {
                try {
                    starts.get(i).get();
                }
                catch (ExecutionException ex) {
                    Exception cause = (ex.getCause() instanceof Exception exception) ? exception : ex;
                    if (failure == null) {
                        failure = (cause instanceof StartupException) ? cause
                                : new StartupException(engines.get(i).title() + " did not start: " + cause, cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        finally {
            starter.shutdown();
        }
    }

    private void checkPortsFree() {
        List<Integer> ports = new ArrayList<>(this.options.ports().all());
        if (this.options.kafkaJmxPort() != 0) {
            ports.add(this.options.kafkaJmxPort());
        }
        List<Integer> taken = ports.stream().filter(StackPorts::isTaken).toList();
        if (!taken.isEmpty()) {
            throw new StartupException("These ports are taken by another program: " + taken
                    + ". Stop it (another local stack?) and try again.");
        }
    }

    private String codeSecret() throws IOException {
        Path file = this.options.data().resolve("code-secret");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String text = Base64.getEncoder().encodeToString(secret);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return text;
    }

    private static String pad(String name) {
        return String.format("%-16s", name);
    }

    @Override
    public void close() {
        this.services.values().parallelStream().forEach(ServiceProcess::stop);
        List<StackEngine> engines = new ArrayList<>(this.engines.values());
        Collections.reverse(engines);
        for (StackEngine engine : engines) {
            try {
                engine.stop();
            }
            catch (Exception ex) {
                this.options.out().println("  could not stop " + engine.title() + ": " + ex);
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> {
                try {
                    Files.delete(path);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
    }

}
