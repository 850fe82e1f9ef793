package dev.switchboard.gateway.session;

import java.time.Clock;

import dev.switchboard.gateway.GatewayProperties;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pings every session, closes sessions that went silent (a client that vanished without
 * closing its TCP connection would otherwise stay registered forever), and closes
 * sessions whose token expired. One pass over all sessions, no timer per session.
 */
@Component
class SessionKeeper {

    private final LocalSessions sessions;

    private final Clock clock;

    private final long idleNanos;

    SessionKeeper(LocalSessions sessions, Clock clock, GatewayProperties properties) {
        this.sessions = sessions;
        this.clock = clock;
        this.idleNanos = properties.websocket().idleTimeout().toNanos();
    }

    @Scheduled(fixedRateString = "${switchboard.gateway.websocket.ping-interval:25s}")
    void keep() {
        long now = System.nanoTime();
        java.time.Instant instant = this.clock.instant();
        this.sessions.forEach((session) -> {
            if (!session.principal().tokenExpiresAt().isAfter(instant)) {
                session.close(CloseCodes.TOKEN_EXPIRED);
            }
            else if (now - session.lastSeenNanos() > this.idleNanos) {
                session.close(CloseCodes.IDLE);
            }
            else {
                session.ping();
            }
        });
    }

}
