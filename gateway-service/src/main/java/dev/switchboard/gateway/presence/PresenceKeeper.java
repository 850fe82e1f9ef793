package dev.switchboard.gateway.presence;

import java.time.Duration;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.session.CloseCodes;
import dev.switchboard.gateway.session.LocalSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    PresenceKeeper(PresenceRegistry presence, LocalSessions sessions, GatewayProperties properties) {
        this.presence = presence;
        this.sessions = sessions;
        this.properties = properties.presence();
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
    }

    @Scheduled(fixedDelayString = "${switchboard.gateway.presence.heartbeat-interval:5s}")
    void heartbeat() {
        if (!this.running) {
            return;
        }
        try {
            this.presence.heartbeat().block(REDIS_TIMEOUT);
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
