package dev.switchboard.gateway.session;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;

import org.springframework.web.reactive.socket.CloseStatus;

/**
 * The close codes the gateway uses; docs/protocol.md lists them for clients.
 */
public final class CloseCodes {

    /** A frame (or a fragmented message) over the hard limit. */
    public static final CloseStatus MESSAGE_TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too large");

    /** The node shuts down: reconnect (to any node) and sync. */
    public static final CloseStatus SERVICE_RESTART = new CloseStatus(1012, "service restart");

    /** The session was flooding. */
    public static final CloseStatus FLOODING = CloseStatus.POLICY_VIOLATION.withReason("rate limit exceeded");

    /** The token that opened the session was revoked. */
    public static final CloseStatus TOKEN_REVOKED = CloseStatus.POLICY_VIOLATION.withReason("token revoked");

    /** The token that opened the session expired. */
    public static final CloseStatus TOKEN_EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("token expired");

    /** The client did not keep up with its messages: reconnect and sync. */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(1013, "slow consumer: reconnect and sync");

    /** Neither a frame nor a pong arrived for too long. */
    public static final CloseStatus IDLE = CloseStatus.GOING_AWAY.withReason("idle timeout");

    /** A {@code /stomp} connection whose {@code CONNECT} did not authenticate it. */
    public static final CloseStatus NOT_AUTHENTICATED = CloseStatus.POLICY_VIOLATION.withReason("not authenticated");

    /**
     * A {@code /stomp} connection refused at its {@code CONNECT}: its user's session cap.
     */
    public static final CloseStatus TOO_MANY_SESSIONS = CloseStatus.POLICY_VIOLATION.withReason("too many sessions");

    /**
     * A {@code /stomp} connection refused at its {@code CONNECT}: tokens or presence
     * unavailable.
     */
    public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "try again later");

    /**
     * After a STOMP {@code ERROR} frame, which says why (STOMP ends the session there).
     */
    public static final CloseStatus AFTER_STOMP_ERROR = CloseStatus.NORMAL.withReason("STOMP ERROR");

    /** After a STOMP {@code DISCONNECT}. */
    public static final CloseStatus STOMP_DISCONNECT = CloseStatus.NORMAL;

    private CloseCodes() {
    }

    /**
     * The close status for a failure of the inbound stream: Netty's own verdict for a
     * protocol violation (1009 for a frame over the limit), 1011 otherwise.
     * @param failure the failure
     * @return the status
     */
    static CloseStatus of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CorruptedWebSocketFrameException corrupted) {
                return new CloseStatus(corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
            }
            if (cause instanceof TooLongFrameException) {
                // a message sent in fragments that add up to more than the limit
                return MESSAGE_TOO_BIG;
            }
        }
        return CloseStatus.SERVER_ERROR;
    }

}
