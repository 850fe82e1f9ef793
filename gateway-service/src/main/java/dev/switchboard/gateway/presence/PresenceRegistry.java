package dev.switchboard.gateway.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Writes this node's sessions into the presence registry ({@link PresenceKeys}), which
 * message-service reads to route. Every call is one round trip (a script where several
 * keys change together), non-blocking.
 */
@Component
public class PresenceRegistry {

    // Checks the user's session count and registers in one step, so concurrent handshakes
    // of one user cannot pass the cap together.
    private static final RedisScript<Long> REGISTER = RedisScript.of("""
            if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[5]) then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            redis.call('ZADD', KEYS[3], 'GT', ARGV[4], ARGV[2])
            return 1
            """, Long.class);

    // Registers many sessions of this node again (after Redis lost them). ARGV[1] is the
    // node, ARGV[2] PresenceKeys.SESSIONS_PREFIX, then user id and session id pairs; the
    // user keys are derived, as in REMOVE_NODE.
    private static final RedisScript<Long> REGISTER_AGAIN = RedisScript.of("""
            for i = 3, #ARGV, 2 do
                redis.call('HSET', ARGV[2] .. ARGV[i], ARGV[i + 1], ARGV[1])
                redis.call('SADD', KEYS[1], ARGV[i] .. ':' .. ARGV[i + 1])
            end
            return (#ARGV - 2) / 2
            """, Long.class);

    // Renews the node's heartbeat; answers 1 if the node was not among the nodes (Redis
    // lost its data, or the node was swept as dead), 0 if it was.
    private static final RedisScript<Long> HEARTBEAT = RedisScript.of("""
            return redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
            """, Long.class);

    private static final RedisScript<Long> UNREGISTER = RedisScript.of("""
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
            redis.call('SREM', KEYS[2], ARGV[3])
            return 1
            """, Long.class);

    // Removes every session a node registered. The user hashes are derived from the set's
    // members (ARGV[3] is PresenceKeys.SESSIONS_PREFIX), so this needs a single Redis (or
    // Sentinel), not Redis Cluster.
    private static final RedisScript<Long> REMOVE_NODE = RedisScript.of("""
            local members = redis.call('SMEMBERS', KEYS[1])
            for _, member in ipairs(members) do
                local sep = string.find(member, ':', 1, true)
                local hash = ARGV[3] .. string.sub(member, 1, sep - 1)
                local session = string.sub(member, sep + 1)
                if redis.call('HGET', hash, session) == ARGV[1] then redis.call('HDEL', hash, session) end
            end
            redis.call('DEL', KEYS[1])
            if ARGV[2] == '1' then redis.call('ZREM', KEYS[2], ARGV[1]) end
            return #members
            """, Long.class);

    private static final int REGISTER_AGAIN_BATCH = 1000;

    private final ReactiveStringRedisTemplate redis;

    private final String nodeId;

    private final GatewayProperties.Presence properties;

    private final Clock clock;

    PresenceRegistry(ReactiveStringRedisTemplate redis, GatewayProperties properties, Clock clock) {
        this.redis = redis;
        this.nodeId = properties.nodeId();
        this.properties = properties.presence();
        this.clock = clock;
    }

    /**
     * Registers a session on this node (and renews the node's heartbeat), unless its user
     * holds {@code maxSessions} sessions already, across all nodes.
     * @param user the session's user
     * @param sessionId the session
     * @param maxSessions the most sessions a user may hold
     * @return true once Redis has it, false if the user is at the cap
     */
    public Mono<Boolean> register(UserId user, String sessionId, int maxSessions) {
        return this.redis.execute(REGISTER,
                List.of(PresenceKeys.sessionsOf(user), PresenceKeys.registeredBy(this.nodeId), PresenceKeys.NODES),
                List.of(sessionId, this.nodeId, PresenceKeys.member(user, sessionId), heartbeatExpiry(),
                        Integer.toString(maxSessions)))
            .next()
            .map((registered) -> registered == 1L);
    }

    /**
     * Registers sessions of this node again, as they are: what to do when Redis lost the
     * registry.
     * @param sessions the sessions, as user id and session id
     * @return how many were registered
     */
    public Mono<Long> registerAgain(List<Map.Entry<UserId, String>> sessions) {
        return Flux.fromIterable(sessions).buffer(REGISTER_AGAIN_BATCH).concatMap((batch) -> {
            List<String> args = new ArrayList<>(2 + batch.size() * 2);
            args.add(this.nodeId);
            args.add(PresenceKeys.SESSIONS_PREFIX);
            batch.forEach((session) -> {
                args.add(Long.toString(session.getKey().value()));
                args.add(session.getValue());
            });
            return this.redis.execute(REGISTER_AGAIN, List.of(PresenceKeys.registeredBy(this.nodeId)), args);
        }).reduce(0L, Long::sum);
    }

    /**
     * Removes a session.
     * @param user the session's user
     * @param sessionId the session
     * @return completes once Redis has removed it
     */
    public Mono<Void> unregister(UserId user, String sessionId) {
        return this.redis
            .execute(UNREGISTER, List.of(PresenceKeys.sessionsOf(user), PresenceKeys.registeredBy(this.nodeId)),
                    List.of(sessionId, this.nodeId, PresenceKeys.member(user, sessionId)))
            .then();
    }

    /**
     * Renews this node's heartbeat: for the next {@code nodeTtl}, its sessions count.
     * @return completes once Redis has it: true if the node was missing from the registry
     * (Redis lost its data, or the node was counted dead and swept), false if it was
     * there
     */
    public Mono<Boolean> heartbeat() {
        return this.redis.execute(HEARTBEAT, List.of(PresenceKeys.NODES), List.of(heartbeatExpiry(), this.nodeId))
            .next()
            .map((added) -> added == 1L);
    }

    /**
     * Takes this node out of the set of nodes, so that the next heartbeat finds it
     * missing (and registers its sessions again).
     * @return completes once Redis has it
     */
    public Mono<Void> leaveNodes() {
        return this.redis.opsForZSet().remove(PresenceKeys.NODES, this.nodeId).then();
    }

    /**
     * Removes all of this node's entries: at startup (what an earlier run with this id
     * left) and at shutdown.
     * @param leave whether the node also leaves the set of nodes
     * @return how many sessions were removed
     */
    public Mono<Long> removeOwnEntries(boolean leave) {
        return removeNode(this.nodeId, leave);
    }

    /**
     * Removes the entries of nodes whose heartbeat ended more than a {@code nodeTtl} ago.
     * @return the nodes removed
     */
    public Flux<String> sweepDeadNodes() {
        double deadBefore = this.clock.millis() - this.properties.nodeTtl().toMillis();
        return this.redis.opsForZSet()
            .rangeByScore(PresenceKeys.NODES, Range.closed(Double.NEGATIVE_INFINITY, deadBefore))
            .concatMap((node) -> removeNode(node, true).thenReturn(node));
    }

    private Mono<Long> removeNode(String node, boolean leave) {
        return this.redis
            .execute(REMOVE_NODE, List.of(PresenceKeys.registeredBy(node), PresenceKeys.NODES),
                    List.of(node, leave ? "1" : "0", PresenceKeys.SESSIONS_PREFIX))
            .next();
    }

    private String heartbeatExpiry() {
        return Long.toString(this.clock.millis() + this.properties.nodeTtl().toMillis());
    }

}
