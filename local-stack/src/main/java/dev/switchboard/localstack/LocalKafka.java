package dev.switchboard.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker in KRaft mode (broker and controller in one process), run from the
 * Kafka jars this module depends on, as a child process.
 */
final class LocalKafka implements AutoCloseable {

    private final Process process;

    private final Path runDirectory;

    private LocalKafka(Process process, Path runDirectory) {
        this.process = process;
        this.runDirectory = runDirectory;
    }

    static LocalKafka start(StackOptions options) throws IOException, InterruptedException {
        Path dataDirectory = options.data().resolve("kafka");
        Path configDirectory = options.dataDir().resolve("config");
        Files.createDirectories(dataDirectory);
        Files.createDirectories(configDirectory);
        Files.createDirectories(options.logs());
        Path serverProperties = configDirectory.resolve("kafka-server.properties");
        Files.writeString(serverProperties, serverProperties(options, dataDirectory), StandardCharsets.UTF_8);
        Path log4j = configDirectory.resolve("kafka-log4j2.properties");
        try (InputStream config = LocalKafka.class.getResourceAsStream("/kafka-log4j2.properties")) {
            Files.copy(config, log4j, StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = options.logs().resolve("kafka.log");
        String classpath = classpath(options);
        if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
            format(classpath, serverProperties, log4j, log);
        }
        List<String> broker = new ArrayList<>(jmx(options.kafkaJmxPort()));
        broker.addAll(List.of("kafka.Kafka", serverProperties.toString()));
        Process process = new ProcessBuilder(
                Processes.detached(command(classpath, log4j, broker.toArray(String[]::new))))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        Processes.remember(options.run(), "kafka", process);
        LocalKafka kafka = new LocalKafka(process, options.run());
        kafka.awaitReady(options.ports().kafka(), options.startTimeout(), log);
        return kafka;
    }

    /**
     * The broker runs from the launcher's own jar (whose manifest names its
     * {@code lib/}), not from whatever classpath the process that started the stack has
     * (a test's, say).
     */
    private static String classpath(StackOptions options) {
        Path launcher = options.root().resolve("local-stack/target/local-stack-launcher.jar");
        return Files.exists(launcher) ? launcher.toString() : System.getProperty("java.class.path");
    }

    private static void format(String classpath, Path serverProperties, Path log4j, Path log)
            throws IOException, InterruptedException {
        Process format = new ProcessBuilder(command(classpath, log4j, "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", serverProperties.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new StartupException("Kafka storage could not be formatted: see " + log);
        }
    }

    /**
     * The JVM's command line: options, then the main class and its arguments, as
     * {@code java} takes them (options that come before the main class go to the JVM).
     */
    private static List<String> command(String classpath, Path log4j, String... optionsThenMain) {
        List<String> command = new ArrayList<>(List.of(Processes.java(), "-Xms128m", "-Xmx768m", "-XX:+UseG1GC",
                "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath(), "-cp", classpath));
        command.addAll(List.of(optionsThenMain));
        return command;
    }

    /**
     * JMX for this machine only, on one port (registry and RMI server alike, so that
     * nothing else is opened), without authentication or TLS: the broker's own metrics,
     * such as its request counts, for the benchmark. None for port 0.
     */
    private static List<String> jmx(int port) {
        if (port == 0) {
            return List.of();
        }
        return List.of("-Dcom.sun.management.jmxremote.port=" + port, "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false", "-Dcom.sun.management.jmxremote.local.only=true",
                "-Djava.rmi.server.hostname=127.0.0.1");
    }

    private static String serverProperties(StackOptions options, Path dataDirectory) {
        int port = options.ports().kafka();
        int controller = options.ports().kafkaController();
        // A gateway that a fault test cuts from Kafka connects through a proxy: its own
        // listener advertises the proxy, so that metadata sends that node back to it.
        StackOptions.ProxiedKafka proxied = options.proxiedKafka();
        String listener = (proxied != null) ? ",PROXIED://localhost:" + proxied.listenerPort() : "";
        String advertised = (proxied != null) ? ",PROXIED://localhost:" + proxied.proxyPort() : "";
        String protocol = (proxied != null) ? ",PROXIED:PLAINTEXT" : "";
        return String.join("\n", "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@localhost:" + controller,
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller + listener,
                "advertised.listeners=PLAINTEXT://localhost:" + port + advertised,
                "controller.listener.names=CONTROLLER", "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT" + protocol,
                "log.dirs=" + dataDirectory.toAbsolutePath(), "num.partitions=1", "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
                "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=false", "log.retention.hours=168", "")
                + "\n";
    }

    private void awaitReady(int port, Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                3000);
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new StartupException("Kafka exited with code " + this.process.exitValue() + ": see " + log);
            }
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            }
            catch (Exception ex) {
                Thread.sleep(500);
            }
        }
        throw new StartupException("Kafka did not become ready in " + timeout.toSeconds() + "s: see " + log);
    }

    @Override
    public void close() {
        Processes.stop(this.process.toHandle(), 20);
        Processes.forget(this.runDirectory, "kafka");
    }

    /**
     * SIGKILL, as a crashed machine would stop the broker: what it had not written to its
     * log is gone, and its next start recovers the log.
     */
    void kill() {
        this.process.destroyForcibly();
        try {
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        Processes.forget(this.runDirectory, "kafka");
    }

}
