package dev.switchboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import dev.switchboard.localstack.LocalStack;
import dev.switchboard.localstack.ServiceProcess;
import dev.switchboard.localstack.StackOptions;
import dev.switchboard.localstack.StackPorts;
import dev.switchboard.localstack.TcpProxy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * The whole suite for the system tests, started once per test JVM: Kafka, PostgreSQL and
 * Redis, auth-, history- and message-service and two gateway nodes, each its own process,
 * on free ports, from the jars this build just made.
 */
final class SystemStack {

    private SystemStack() {
    }

    static LocalStack stack() {
        return Holder.STACK;
    }

    static URI gatewayHttp(int node) {
        return URI.create("http://localhost:" + stack().gateway(node).port());
    }

    static URI gatewayWebSocket(int node, String query) {
        return URI.create(
                "ws://localhost:" + stack().gateway(node).port() + "/messaging" + ((query != null) ? "?" + query : ""));
    }

    /**
     * The proxy between gateway node 2 and the Kafka broker.
     */
    static TcpProxy kafkaProxyOfGateway2() {
        stack();
        return Holder.KAFKA_PROXY;
    }

    static StatefulRedisConnection<String, String> redis() {
        return Holder.REDIS;
    }

    /**
     * Starts a stopped or killed service again and waits until it is ready.
     */
    static void restart(ServiceProcess service) {
        try {
            service.start();
            service.awaitReady(stack().options().startTimeout());
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not restart " + service.name(), ex);
        }
    }

    private static int otherPortThan(int port) {
        int other = Holder.PORTS.freePortBesides();
        while (other == port) {
            other = Holder.PORTS.freePortBesides();
        }
        return other;
    }

    private static TcpProxy proxy() {
        try {
            return new TcpProxy(Holder.KAFKA_PROXY_PORT, Holder.KAFKA_PROXY_TARGET);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static LocalStack start() {
        Path root = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
        System.out.println("Starting the whole suite for the system tests ...");
        StackOptions options = StackOptions.defaults(root, 2)
            .withDataDir(root.resolve("system-tests/target/stack"))
            .withFresh(true)
            .withPorts(Holder.PORTS)
            .withExtraProperties(Map.ofEntries(
                    // Many test users come from one address; the limits themselves are
                    // tested in auth-service and the gateway.
                    Map.entry("switchboard.auth.rate-limits.getcode-per-ip", "100000/1h"),
                    Map.entry("switchboard.auth.rate-limits.login-per-ip", "100000/1h"),
                    Map.entry("switchboard.history.rate-limits.sync-per-user", "100000/1m"),
                    Map.entry("switchboard.gateway.auth-rate-limit.replenish-rate", "1000"),
                    Map.entry("switchboard.gateway.auth-rate-limit.burst-capacity", "2000"),
                    // Clients here send as fast as they can.
                    Map.entry("switchboard.gateway.websocket.frames-per-second", "500"),
                    Map.entry("switchboard.gateway.websocket.frame-burst", "1000"),
                    // A dead node is noticed within seconds.
                    Map.entry("switchboard.gateway.presence.heartbeat-interval", "1s"),
                    Map.entry("switchboard.gateway.presence.node-ttl", "4s"),
                    Map.entry("switchboard.gateway.presence.sweep-interval", "2s"),
                    Map.entry("switchboard.kafka.retry.max-interval", "1s")))
            // Gateway 2 reaches Kafka through a proxy that fault 9 cuts.
            .withProxiedKafka(new StackOptions.ProxiedKafka(2, Holder.KAFKA_PROXY_TARGET, Holder.KAFKA_PROXY_PORT));
        LocalStack stack = LocalStack.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-system-stack"));
        return stack;
    }

    private static final class Holder {

        static final StackPorts PORTS = StackPorts.free(2);

        static final int KAFKA_PROXY_PORT = PORTS.freePortBesides();

        static final int KAFKA_PROXY_TARGET = otherPortThan(KAFKA_PROXY_PORT);

        static final TcpProxy KAFKA_PROXY = proxy();

        static final LocalStack STACK = start();

        static final StatefulRedisConnection<String, String> REDIS = RedisClient
            .create("redis://localhost:" + STACK.options().ports().redis())
            .connect();

    }

}
