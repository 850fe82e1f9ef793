package dev.switchboard.benchmark;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The Kafka broker's own count of the requests it served, by kind ({@code Produce},
 * {@code Fetch}, {@code OffsetCommit}, ...), read over JMX from
 * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec}: what every client of the
 * broker asked of it, whoever that client is.
 */
final class BrokerRequests implements AutoCloseable {

    private static final String METRIC = "kafka.network:type=RequestMetrics,name=RequestsPerSec,*";

    /**
     * Kinds that count a subset of another kind's requests: {@code FetchConsumer} and
     * {@code FetchFollower} are the {@code Fetch} requests of consumers and of replicas.
     */
    private static final Set<String> SUBSETS = Set.of("FetchConsumer", "FetchFollower");

    private final JMXConnector connector;

    private BrokerRequests(JMXConnector connector) {
        this.connector = connector;
    }

    /**
     * Connects to the broker's JMX port on this machine.
     * @param port the port the broker was started with
     * @return the reader
     * @throws IllegalStateException if the broker does not answer
     */
    static BrokerRequests connect(int port) {
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            return new BrokerRequests(JMXConnectorFactory.connect(url));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot reach the broker's JMX port " + port, ex);
        }
    }

    /**
     * Requests served so far, by kind, summed over the versions of each kind.
     * @return counts by kind, in the order of their names
     * @throws IllegalStateException if the broker does not answer
     */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            MBeanServerConnection server = this.connector.getMBeanServerConnection();
            for (ObjectName name : server.queryNames(new ObjectName(METRIC), null)) {
                String kind = name.getKeyProperty("request");
                if (kind != null && !SUBSETS.contains(kind)) {
                    counts.merge(kind, ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
                }
            }
        }
        catch (IOException | JMException ex) {
            throw new IllegalStateException("Cannot read the broker's request counts", ex);
        }
        return counts;
    }

    @Override
    public void close() {
        try {
            this.connector.close();
        }
        catch (IOException ex) {
            // the broker is stopping with the stack
        }
    }

}
