package dev.switchboard.gateway.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether this node takes new sessions: only while its delivery topic is being consumed
 * from a known position (a session registered earlier could miss a delivery) and its
 * revocation consumer has its position, and no longer once it shuts down. As a health
 * indicator in the readiness group, it keeps the node out of the load balancer while
 * closed, and its details say why.
 *
 * <p>
 * A consumer that loses its partition (a rebalance) closes the gate until it has one
 * again. A consumer that stopped for good (fenced by another node started under the same
 * node id, or failed) closes it until the node is restarted, and the node's sessions are
 * closed with 1012 so that their clients reconnect to a node that delivers, and sync.
 */
@Component("sessionGate")
public class SessionGate implements HealthIndicator {

    private static final Logger logger = LoggerFactory.getLogger(SessionGate.class);

    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    private final ApplicationEventPublisher events;

    private final LocalSessions sessions;

    // Why deliveries or revocations are not being consumed; null while they are.
    private volatile String deliveriesDown = "delivery topic not assigned yet";

    private volatile String revocationsDown = "revocation topic not assigned yet";

    // Set when a consumer stopped for good: only a restart opens the gate again.
    private final AtomicReference<String> stopped = new AtomicReference<>();

    SessionGate(ApplicationEventPublisher events, LocalSessions sessions) {
        this.events = events;
        this.sessions = sessions;
    }

    /**
     * Called once the node's delivery consumer has its partition and position.
     */
    public void deliveriesReady() {
        this.deliveriesDown = null;
    }

    /**
     * Called when the node's delivery consumer no longer has its partition.
     */
    public void deliveriesUnassigned() {
        this.deliveriesDown = "delivery topic not assigned";
    }

    /**
     * Called once the node's revocation consumer has its partitions and position.
     */
    public void revocationsReady() {
        this.revocationsDown = null;
    }

    /**
     * Called when the node's revocation consumer no longer has its partitions.
     */
    public void revocationsUnassigned() {
        this.revocationsDown = "revocation topic not assigned";
    }

    /**
     * Called when one of the node's consumers stopped for good: the node refuses new
     * sessions and closes the ones it has (1012), until it is restarted.
     * @param reason what stopped, and why
     */
    public void consumerStopped(String reason) {
        // Both consumers may stop at once (both fenced): the first one closes the gate.
        if (this.shuttingDown.get() || !this.stopped.compareAndSet(null, reason)) {
            return;
        }
        logger.error("Refusing sessions until this node is restarted: {}", reason);
        AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
        this.sessions.forEach((session) -> session.close(CloseCodes.SERVICE_RESTART));
    }

    void shutDown() {
        this.shuttingDown.set(true);
        AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    boolean isOpen() {
        return reason() == null;
    }

    private String reason() {
        if (this.shuttingDown.get()) {
            return "shutting down";
        }
        String stopped = this.stopped.get();
        if (stopped != null) {
            return stopped;
        }
        return (this.deliveriesDown != null) ? this.deliveriesDown : this.revocationsDown;
    }

    @Override
    public Health health() {
        String reason = reason();
        return (reason != null) ? Health.outOfService().withDetail("reason", reason).build() : Health.up().build();
    }

}
