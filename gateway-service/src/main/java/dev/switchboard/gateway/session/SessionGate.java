package dev.switchboard.gateway.session;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether this node takes new sessions: only once its delivery topic is being consumed
 * from a known position (a session registered earlier could miss a delivery) and its
 * revocation consumer has its position, and no longer once it shuts down. As a health
 * indicator in the readiness group, it keeps the node out of the load balancer while
 * closed.
 */
@Component("sessionGate")
public class SessionGate implements HealthIndicator {

    private final AtomicBoolean deliveriesReady = new AtomicBoolean();

    private final AtomicBoolean revocationsReady = new AtomicBoolean();

    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    private final ApplicationEventPublisher events;

    SessionGate(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * Called once the node's delivery consumer has its partition and position.
     */
    public void deliveriesReady() {
        this.deliveriesReady.set(true);
    }

    /**
     * Called once the node's revocation consumer has its partitions and position.
     */
    public void revocationsReady() {
        this.revocationsReady.set(true);
    }

    void shutDown() {
        this.shuttingDown.set(true);
        AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    boolean isOpen() {
        return this.deliveriesReady.get() && this.revocationsReady.get() && !this.shuttingDown.get();
    }

    @Override
    public Health health() {
        if (this.shuttingDown.get()) {
            return Health.outOfService().withDetail("reason", "shutting down").build();
        }
        if (!this.deliveriesReady.get()) {
            return Health.outOfService().withDetail("reason", "delivery topic not assigned yet").build();
        }
        if (!this.revocationsReady.get()) {
            return Health.outOfService().withDetail("reason", "revocation topic not assigned yet").build();
        }
        return Health.up().build();
    }

}
