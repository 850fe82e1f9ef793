package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports of a local stack. The defaults stay clear of the standard ports of
 * PostgreSQL, Redis and Kafka, so a machine's own servers keep running.
 *
 * @param gateways one port per gateway node, the first one public at 8080
 * @param auth auth-service
 * @param message message-service (actuator only)
 * @param history history-service
 * @param postgres PostgreSQL
 * @param redis Redis
 * @param kafka the Kafka broker's client listener
 * @param kafkaController the Kafka controller listener
 */
public record StackPorts(List<Integer> gateways, int auth, int message, int history, int postgres, int redis, int kafka,
        int kafkaController) {

    /**
     * The documented ports: gateways at 8080 (and 8090), auth 8081, message 8082, history
     * 8083, PostgreSQL 15432, Redis 16379, Kafka 19092 (controller 19093).
     * @param gatewayCount how many gateway nodes
     * @return the ports
     */
    public static StackPorts defaults(int gatewayCount) {
        List<Integer> gateways = new ArrayList<>();
        for (int i = 0; i < gatewayCount; i++) {
            gateways.add(8080 + 10 * i);
        }
        return new StackPorts(List.copyOf(gateways), 8081, 8082, 8083, 15432, 16379, 19092, 19093);
    }

    /**
     * Ports that are free now, for a stack that must not collide with anything (tests).
     * @param gatewayCount how many gateway nodes
     * @return the ports
     */
    public static StackPorts free(int gatewayCount) {
        List<Integer> ports = freePorts(gatewayCount + 7);
        return new StackPorts(List.copyOf(ports.subList(0, gatewayCount)), ports.get(gatewayCount),
                ports.get(gatewayCount + 1), ports.get(gatewayCount + 2), ports.get(gatewayCount + 3),
                ports.get(gatewayCount + 4), ports.get(gatewayCount + 5), ports.get(gatewayCount + 6));
    }

    /**
     * A port that is free now and is none of these ports (for one more process next to
     * the stack, such as the broker's JMX).
     * @return the port
     */
    public int freePortBesides() {
        List<Integer> taken = all();
        while (true) {
            int port = freePort();
            if (!taken.contains(port)) {
                return port;
            }
        }
    }

    /**
     * Distinct ports that are free now: every socket stays bound until all are chosen, so
     * the system cannot hand out one port twice (closed one at a time, it may).
     */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports.add(socket.getLocalPort());
            }
            return ports;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                }
                catch (IOException ex) {
                    // nothing to keep: the port is free again either way
                }
            }
        }
    }

    /**
     * Every port, for checking that none is taken.
     * @return the ports
     */
    public List<Integer> all() {
        List<Integer> all = new ArrayList<>(this.gateways);
        all.addAll(List.of(this.auth, this.message, this.history, this.postgres, this.redis, this.kafka,
                this.kafkaController));
        return all;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static boolean isTaken(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

}
