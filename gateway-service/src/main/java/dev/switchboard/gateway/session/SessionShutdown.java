package dev.switchboard.gateway.session;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown of the WebSocket side, before the web server's own: readiness goes
 * down and new handshakes are refused, every session is closed with 1012 (service
 * restart) so that its client reconnects to another node and syncs, and the sessions
 * leave the presence registry as they close.
 */
@Component
class SessionShutdown implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(SessionShutdown.class);

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final LocalSessions sessions;

    private final SessionGate gate;

    private volatile boolean running;

    SessionShutdown(LocalSessions sessions, SessionGate gate) {
        this.sessions = sessions;
        this.gate = gate;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.gate.shutDown();
        int open = this.sessions.count();
        this.sessions.forEach((session) -> session.close(CloseCodes.SERVICE_RESTART));
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (this.sessions.count() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        logger.info("Closed {} sessions for shutdown; {} still closing", open, this.sessions.count());
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        // Stops before the web server's graceful shutdown (Integer.MAX_VALUE - 1024).
        return Integer.MAX_VALUE - 512;
    }

}
