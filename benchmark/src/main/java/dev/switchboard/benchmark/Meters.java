package dev.switchboard.benchmark;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.switchboard.localstack.LocalStack;
import dev.switchboard.localstack.ServiceProcess;

/**
 * What says where the work of a window went: the CPU of each part of the suite, the
 * requests the broker served, by kind, and what each service's Kafka clients did. A
 * {@link Snapshot} at the start and one at the end make a {@link Measurement}.
 */
final class Meters implements AutoCloseable {

    private final CpuAccounting cpu;

    private final BrokerRequests broker;

    private final String brokerProblem;

    private final Map<String, Prometheus> services = new LinkedHashMap<>();

    private Meters(CpuAccounting cpu, BrokerRequests broker, String brokerProblem) {
        this.cpu = cpu;
        this.broker = broker;
        this.brokerProblem = brokerProblem;
    }

    /**
     * The meters of a running stack; its broker's request counts only if it was started
     * with a JMX port.
     * @param stack the stack
     * @return the meters
     */
    static Meters of(LocalStack stack) {
        int jmxPort = stack.options().kafkaJmxPort();
        BrokerRequests broker = null;
        String problem = "the broker has no JMX port";
        if (jmxPort != 0) {
            try {
                broker = BrokerRequests.connect(jmxPort);
                problem = null;
            }
            catch (IllegalStateException ex) {
                problem = ex.getMessage() + ": " + ex.getCause();
            }
        }
        Meters meters = new Meters(new CpuAccounting(stack), broker, problem);
        for (ServiceProcess service : stack.services()) {
            // auth-service is not on a message's path: it answers logins and look-ups.
            if (!service.name().equals("auth-service")) {
                meters.services.put(service.name(), new Prometheus(URI.create("http://localhost:" + service.port())));
            }
        }
        return meters;
    }

    /**
     * Reads everything at the start of a window: the broker and the services first, the
     * CPU and the time last, so that the window's CPU does not include the reading (a few
     * hundred milliseconds of round trips on a busy machine, before anything was sent).
     * @return the readings
     */
    Snapshot atStart() {
        Counters counters = counters();
        return new Snapshot(System.nanoTime(), this.cpu.snapshot(), counters.requests(), counters.problem(),
                counters.clients());
    }

    /**
     * Reads everything at the end of a window: the time and the CPU first, then the rest.
     * @return the readings
     */
    Snapshot atEnd() {
        long nanos = System.nanoTime();
        Map<String, Double> cpu = this.cpu.snapshot();
        Counters counters = counters();
        return new Snapshot(nanos, cpu, counters.requests(), counters.problem(), counters.clients());
    }

    private Counters counters() {
        Map<String, Long> requests = Map.of();
        String problem = this.brokerProblem;
        if (this.broker != null) {
            try {
                requests = this.broker.counts();
            }
            catch (IllegalStateException ex) {
                problem = ex.getMessage() + ": " + ex.getCause();
            }
        }
        Map<String, KafkaClientCounts> clients = new LinkedHashMap<>();
        this.services.forEach((name, service) -> {
            try {
                clients.put(name, KafkaClientCounts.read(service));
            }
            catch (IllegalStateException ex) {
                // left out of this window's figures: the service did not answer
            }
        });
        return new Counters(requests, problem, clients);
    }

    @Override
    public void close() {
        if (this.broker != null) {
            this.broker.close();
        }
    }

    /** The broker's and the services' counts, read together. */
    private record Counters(Map<String, Long> requests, String problem, Map<String, KafkaClientCounts> clients) {

    }

    /**
     * The readings at one moment.
     *
     * @param nanos when ({@link System#nanoTime()})
     * @param cpu CPU seconds used so far by each part of the suite
     * @param brokerRequests the broker's requests so far, by kind (empty if not read)
     * @param brokerProblem why they were not read, or null
     * @param clients what each service's Kafka clients did so far, by service
     */
    record Snapshot(long nanos, Map<String, Double> cpu, Map<String, Long> brokerRequests, String brokerProblem,
            Map<String, KafkaClientCounts> clients) {

    }

}
