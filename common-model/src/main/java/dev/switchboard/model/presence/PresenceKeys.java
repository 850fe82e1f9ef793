package dev.switchboard.model.presence;

import dev.switchboard.model.id.UserId;

/**
 * Where presence lives in Redis:
 * <ul>
 * <li>{@code presence:u:<userId>}: a hash of the user's sessions, session id to node
 * id;</li>
 * <li>{@code presence:n:<nodeId>}: a set of {@code <userId>:<sessionId>}, every session a
 * node registered (so that a dead node's entries can be found and removed);</li>
 * <li>{@code presence:nodes}: a sorted set of node ids, scored by the time (epoch
 * milliseconds) until which the node's last heartbeat vouches for it. A node whose score
 * is in the past is dead: its sessions do not count.</li>
 * </ul>
 */
public final class PresenceKeys {

    /** The sorted set of nodes by heartbeat expiry. */
    public static final String NODES = "presence:nodes";

    /**
     * The prefix of {@link #sessionsOf(UserId)}, for scripts that build the key from a
     * user id they read out of Redis.
     */
    public static final String SESSIONS_PREFIX = "presence:u:";

    private PresenceKeys() {
    }

    /**
     * The hash of a user's sessions.
     * @param user the user
     * @return the key
     */
    public static String sessionsOf(UserId user) {
        return SESSIONS_PREFIX + user.value();
    }

    /**
     * The set of sessions a node registered.
     * @param nodeId the node
     * @return the key
     */
    public static String registeredBy(String nodeId) {
        return "presence:n:" + nodeId;
    }

    /**
     * The member of {@link #registeredBy(String)} for one session.
     * @param user the session's user
     * @param sessionId the session
     * @return {@code <userId>:<sessionId>}
     */
    public static String member(UserId user, String sessionId) {
        return user.value() + ":" + sessionId;
    }

}
