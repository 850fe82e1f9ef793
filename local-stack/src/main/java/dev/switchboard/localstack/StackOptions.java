package dev.switchboard.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to run a local stack.
 *
 * @param root the repository root, where each service's jar is built
 * @param dataDir where data, logs and process ids live ({@code .local})
 * @param fresh whether to wipe the data first
 * @param ports the ports
 * @param out where progress goes
 * @param startTimeout how long a part may take to become ready
 * @param extraProperties Spring properties for every service ({@code key -> value}), on
 * top of the stack's own
 * @param tuned whether the services run with the JVM's full optimizing compiler (for
 * measurements) rather than tuned for a quick start (C1 only, serial GC: a local stack on
 * two cores is up in about half the time)
 * @param kafkaJmxPort a port on which the Kafka broker offers JMX, without
 * authentication, to this machine only (the benchmark reads the broker's own request
 * counts there), or 0 for none
 * @param extraJvmOptions JVM options for every service, after the stack's own (such as a
 * flight recording for the benchmark's profile)
 * @param classDataSharing whether the services run from their extracted jars with an
 * application class-data archive ({@link ClassDataSharing}): about half the CPU to start
 * @param proxiedKafka a gateway node that reaches Kafka only through a proxy (a fault
 * test cuts it), or {@code null}
 */
public record StackOptions(Path root, Path dataDir, boolean fresh, StackPorts ports, PrintStream out,
        Duration startTimeout, Map<String, String> extraProperties, boolean tuned, int kafkaJmxPort,
        List<String> extraJvmOptions, boolean classDataSharing, ProxiedKafka proxiedKafka) {

    /**
     * A gateway node whose Kafka traffic goes through a TCP proxy that a test can cut:
     * the broker has a listener of its own for it, which advertises the proxy's address.
     *
     * @param gateway the gateway node, counted from 1
     * @param listenerPort the broker's port for that node
     * @param proxyPort the proxy's port, which forwards to {@code listenerPort}
     */
    public record ProxiedKafka(int gateway, int listenerPort, int proxyPort) {
    }

    /** JVM options for a quick start. */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k");

    /** JVM options for measurements. */
    static final List<String> TUNED = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20");

    /**
     * Options with the documented defaults.
     * @param root the repository root
     * @param gateways how many gateway nodes
     * @return the options
     */
    public static StackOptions defaults(Path root, int gateways) {
        return new StackOptions(root, root.resolve(".local"), false, StackPorts.defaults(gateways), System.out,
                Duration.ofSeconds(120), Map.of(), false, 0, List.of(), false, null);
    }

    public StackOptions withFresh(boolean fresh) {
        return new StackOptions(this.root, this.dataDir, fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, this.kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withDataDir(Path dataDir) {
        return new StackOptions(this.root, dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, this.kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withPorts(StackPorts ports) {
        return new StackOptions(this.root, this.dataDir, this.fresh, ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, this.kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withExtraProperties(Map<String, String> extraProperties) {
        return new StackOptions(this.root, this.dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                Map.copyOf(extraProperties), this.tuned, this.kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withTuned(boolean tuned) {
        return new StackOptions(this.root, this.dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, tuned, this.kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withKafkaJmxPort(int kafkaJmxPort) {
        return new StackOptions(this.root, this.dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withExtraJvmOptions(List<String> extraJvmOptions) {
        return new StackOptions(this.root, this.dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, this.kafkaJmxPort, List.copyOf(extraJvmOptions),
                this.classDataSharing, this.proxiedKafka);
    }

    public StackOptions withClassDataSharing(boolean classDataSharing) {
        return new StackOptions(this.root, this.dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, this.kafkaJmxPort, this.extraJvmOptions, classDataSharing,
                this.proxiedKafka);
    }

    public StackOptions withProxiedKafka(ProxiedKafka proxiedKafka) {
        return new StackOptions(this.root, this.dataDir, this.fresh, this.ports, this.out, this.startTimeout,
                this.extraProperties, this.tuned, this.kafkaJmxPort, this.extraJvmOptions, this.classDataSharing,
                proxiedKafka);
    }

    List<String> jvmOptions() {
        List<String> options = new ArrayList<>(this.tuned ? TUNED : QUICK_START);
        options.addAll(this.extraJvmOptions);
        return options;
    }

    Path logs() {
        return this.dataDir.resolve("logs");
    }

    Path data() {
        return this.dataDir.resolve("data");
    }

    Path run() {
        return this.dataDir.resolve("run");
    }

}
