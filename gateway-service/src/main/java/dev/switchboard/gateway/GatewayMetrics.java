package dev.switchboard.gateway;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.switchboard.model.frame.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The gateway's own meters, registered once so that the hot paths only increment.
 */
@Component
public class GatewayMetrics {

    /**
     * Outcomes of a WebSocket handshake.
     */
    public enum Handshake {

        /** Authenticated and upgraded. */
        ACCEPTED,

        /** No credentials, or credentials that are not valid. */
        UNAUTHORIZED,

        /** An Origin that is not allowed. */
        FORBIDDEN_ORIGIN,

        /** The user holds the most sessions allowed. */
        TOO_MANY_SESSIONS,

        /** Tokens or presence could not be checked. */
        UNAVAILABLE

    }

    // A seed client's send is decoded to a send frame and counted as one.
    private static final String[] CLIENT_TYPES = { "send", "ack", "read", "typing", "ping", "pong", "invalid" };

    private static final String[] SERVER_TYPES = { "ready", "accepted", "message", "receipt", "typing", "error",
            "seed" };

    private final MeterRegistry meters;

    private final Map<Handshake, Counter> handshakes = new EnumMap<>(Handshake.class);

    private final Map<String, Counter> framesIn = new HashMap<>();

    private final Map<String, Counter> framesOut = new HashMap<>();

    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);

    private final Counter sessionsRegisteredAgain;

    private final Timer sendLatency;

    private final Counter deliveries;

    private final Counter undeliverable;

    private final Counter slowConsumers;

    private final Counter resendsInFlight;

    GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Handshake outcome : Handshake.values()) {
            this.handshakes.put(outcome,
                    Counter.builder("switchboard.gateway.handshakes")
                        .description("WebSocket handshakes by outcome")
                        .tag("outcome", outcome.name().toLowerCase())
                        .register(meters));
        }
        for (String type : CLIENT_TYPES) {
            this.framesIn.put(type,
                    Counter.builder("switchboard.gateway.frames.in")
                        .description("Frames received from clients, by type")
                        .tag("type", type)
                        .register(meters));
        }
        for (String type : SERVER_TYPES) {
            this.framesOut.put(type,
                    Counter.builder("switchboard.gateway.frames.out")
                        .description("Frames sent to clients, by type")
                        .tag("type", type)
                        .register(meters));
        }
        for (ErrorCode code : ErrorCode.values()) {
            this.errors.put(code,
                    Counter.builder("switchboard.gateway.errors")
                        .description("Error frames sent to clients, by code")
                        .tag("code", code.code())
                        .register(meters));
        }
        this.sessionsRegisteredAgain = Counter.builder("switchboard.gateway.presence.registered.again")
            .description("Sessions registered again because Redis had lost this node's presence entries")
            .register(meters);
        this.sendLatency = Timer.builder("switchboard.gateway.send.latency")
            .description("From a send frame's arrival to its accepted frame (Kafka's acknowledgement)")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
        this.deliveries = Counter.builder("switchboard.gateway.deliveries")
            .description("Events from the node topic pushed to local sessions")
            .register(meters);
        this.undeliverable = Counter.builder("switchboard.gateway.deliveries.undeliverable")
            .description("Events from the node topic for users with no local session (they sync instead)")
            .register(meters);
        this.slowConsumers = Counter.builder("switchboard.gateway.slow.consumers.closed")
            .description("Sessions closed because their client did not keep up")
            .register(meters);
        this.resendsInFlight = Counter.builder("switchboard.gateway.resends.in.flight")
            .description("Sends of a message whose first copy was still waiting for Kafka (not produced again)")
            .register(meters);
    }

    public void sessionsGauge(Supplier<Number> open) {
        Gauge.builder("switchboard.gateway.sessions.open", open)
            .description("Open WebSocket sessions on this node")
            .register(this.meters);
    }

    public void handshake(Handshake outcome) {
        this.handshakes.get(outcome).increment();
    }

    public void frameIn(String type) {
        this.framesIn.getOrDefault(type, this.framesIn.get("invalid")).increment();
    }

    public void frameOut(String type) {
        this.framesOut.get(type).increment();
    }

    public void errorSent(ErrorCode code) {
        this.errors.get(code).increment();
    }

    public void registeredAgain(long sessions) {
        this.sessionsRegisteredAgain.increment(sessions);
    }

    public void accepted(long nanos) {
        this.sendLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void delivered() {
        this.deliveries.increment();
    }

    public void undeliverable() {
        this.undeliverable.increment();
    }

    public void slowConsumerClosed() {
        this.slowConsumers.increment();
    }

    public void resendInFlight() {
        this.resendsInFlight.increment();
    }

}
