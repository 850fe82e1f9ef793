package dev.switchboard.gateway.presence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.CloseCodes;
import dev.switchboard.gateway.session.LocalSessions;
import dev.switchboard.model.id.UserId;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.resource.ClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's presence honest: clears what an earlier run with the same node id
 * left before the first session registers, renews the heartbeat, sweeps dead nodes'
 * entries, and removes this node's entries when it stops.
 *
 * <p>
 * If the heartbeat could not be renewed for longer than {@code nodeTtl}, other services
 * have counted this node as dead and may have skipped its sessions or swept their
 * entries. Once Redis answers again, every local session is closed with 1012, so its
 * client reconnects, registers again and syncs what it missed.
 *
 * <p>
 * If the heartbeat finds the node missing from the registry although it did not lapse,
 * Redis lost its data (a restart without persistence, a failover to an empty replica):
 * every local session is registered again at once. The node checks at every heartbeat
 * and, so as not to wait for the next one, as soon as its Redis connection comes back.
 */
@Component
class PresenceKeeper implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(PresenceKeeper.class);

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final PresenceRegistry presence;

    private final LocalSessions sessions;

    private final GatewayProperties.Presence properties;

    private volatile boolean running;

    private volatile long lastHeartbeatNanos;

    private final GatewayMetrics metrics;

    private final ObjectProvider<ClientResources> redisResources;

    private Disposable reconnects;

    PresenceKeeper(PresenceRegistry presence, LocalSessions sessions, GatewayMetrics metrics,
            GatewayProperties properties, ObjectProvider<ClientResources> redisResources) {
        this.presence = presence;
        this.sessions = sessions;
        this.metrics = metrics;
        this.properties = properties.presence();
        this.redisResources = redisResources;
    }

    @Override
    public void start() {
        try {
            Long stale = this.presence.removeOwnEntries(false).block(REDIS_TIMEOUT);
            if (stale != null && stale > 0) {
                logger.info("Removed {} presence entries left by an earlier run of this node", stale);
            }
            this.presence.heartbeat().block(REDIS_TIMEOUT);
            this.lastHeartbeatNanos = System.nanoTime();
        }
        catch (RuntimeException ex) {
            logger.warn("Presence is unavailable at startup; sessions are refused until Redis answers: {}",
                    ex.toString());
        }
        this.running = true;
        ClientResources resources = this.redisResources.getIfAvailable();
        if (resources != null) {
            this.reconnects = resources.eventBus()
                .get()
                .filter(ConnectionActivatedEvent.class::isInstance)
                .publishOn(Schedulers.boundedElastic())
                .subscribe((event) -> heartbeat(), (ex) -> logger.debug("Stopped watching Redis connections", ex));
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.gateway.presence.heartbeat-interval:5s}")
    synchronized void heartbeat() {
        if (!this.running) {
            return;
        }
        boolean missing;
        try {
            missing = Boolean.TRUE.equals(this.presence.heartbeat().block(REDIS_TIMEOUT));
        }
        catch (RuntimeException ex) {
            logger.warn("Heartbeat failed: {}", ex.toString());
            return;
        }
        long now = System.nanoTime();
        long last = this.lastHeartbeatNanos;
        this.lastHeartbeatNanos = now;
        if (last != 0 && now - last > this.properties.nodeTtl().toNanos()) {
            logger.warn("The heartbeat lapsed for {}s: closing {} sessions so their clients reconnect and sync",
                    Duration.ofNanos(now - last).toSeconds(), this.sessions.count());
            this.sessions.forEach((session) -> session.close(CloseCodes.SERVICE_RESTART));
        }
        else if (missing && this.sessions.count() > 0) {
            registerAgain();
        }
    }

    private void registerAgain() {
        List<Map.Entry<UserId, String>> open = new ArrayList<>(this.sessions.count());
        this.sessions.forEach((session) -> open.add(Map.entry(session.userId(), session.id())));
        try {
            Long registered = this.presence.registerAgain(open).block(REDIS_TIMEOUT);
            this.metrics.registeredAgain((registered != null) ? registered : 0);
            logger.warn("Redis had lost this node's presence entries: registered {} sessions again", registered);
        }
        catch (RuntimeException ex) {
            // The node is in the registry again with too few sessions: make the next
            // heartbeat try again.
            this.presence.leaveNodes().onErrorResume((failure) -> Mono.empty()).block(REDIS_TIMEOUT);
            logger.warn("Could not register this node's sessions again; retrying at the next heartbeat: {}",
                    ex.toString());
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.gateway.presence.sweep-interval:30s}",
            initialDelayString = "${switchboard.gateway.presence.sweep-interval:30s}")
    void sweep() {
        if (!this.running) {
            return;
        }
        try {
            this.presence.sweepDeadNodes()
                .doOnNext((node) -> logger.info("Removed the presence entries of dead node {}", node))
                .then()
                .block(REDIS_TIMEOUT);
        }
        catch (RuntimeException ex) {
            logger.warn("Sweeping dead nodes failed: {}", ex.toString());
        }
    }

    @Override
    public void stop() {
        this.running = false;
        if (this.reconnects != null) {
            this.reconnects.dispose();
        }
        try {
            this.presence.removeOwnEntries(true).block(REDIS_TIMEOUT);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not remove this node's presence entries; they expire with its heartbeat: {}",
                    ex.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // Starts after the web server (Integer.MAX_VALUE - 2048) but before the Kafka
        // listeners (Integer.MAX_VALUE - 100), whose first assignment opens the session
        // gate: no session registers before the stale entries are gone. Stops after
        // SessionShutdown and the web server's graceful shutdown have closed the
        // sessions.
        return Integer.MAX_VALUE - 2000;
    }

}
