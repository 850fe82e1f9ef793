package dev.switchboard.message.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the presence registry that the gateways write: for a whole batch of users, their
 * sessions on live nodes, with every command of the batch in flight at once on Redis's
 * one shared connection (pipelined; a batch costs one round trip, and never a connection
 * of its own). A node whose heartbeat has ended does not count, whatever entries it left
 * behind.
 */
@Component
class PresenceDirectory {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveStringRedisTemplate redis;

    private final Clock clock;

    PresenceDirectory(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * The live sessions of each user.
     * @param users the users
     * @return per user, session id to node id for each session on a live node (empty for
     * a user who is offline)
     * @throws org.springframework.dao.DataAccessException if Redis cannot be reached or
     * does not answer in time
     */
    Map<UserId, Map<String, String>> sessionsOf(Collection<UserId> users) {
        List<UserId> ordered = new ArrayList<>(users);
        Mono<Set<String>> liveNodes = this.redis.opsForZSet()
            .rangeByScore(PresenceKeys.NODES, Range.closed((double) this.clock.millis(), Double.POSITIVE_INFINITY))
            .collect(Collectors.toSet());
        Mono<List<Map<Object, Object>>> hashes = Flux.fromIterable(ordered)
            .flatMapSequential((user) -> this.redis.opsForHash()
                .entries(PresenceKeys.sessionsOf(user))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue), Math.max(1, ordered.size()))
            .collectList();
        Tuple2<Set<String>, List<Map<Object, Object>>> replies;
        try {
            replies = Mono.zip(liveNodes, hashes).timeout(TIMEOUT).block();
        }
        catch (RuntimeException ex) {
            // block() wraps the timeout, which is a checked exception
            if (Exceptions.unwrap(ex) instanceof TimeoutException timeout) {
                throw new QueryTimeoutException("Redis did not answer the presence look-up in " + TIMEOUT, timeout);
            }
            throw ex;
        }
        Set<String> live = replies.getT1();
        Map<UserId, Map<String, String>> sessions = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Map<String, String> onLiveNodes = new HashMap<>();
            replies.getT2().get(i).forEach((session, node) -> {
                if (live.contains(String.valueOf(node))) {
                    onLiveNodes.put(String.valueOf(session), String.valueOf(node));
                }
            });
            sessions.put(ordered.get(i), onLiveNodes);
        }
        return sessions;
    }

}
