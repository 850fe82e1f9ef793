package dev.switchboard.message.routing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.switchboard.model.id.UserId;
import dev.switchboard.model.presence.PresenceKeys;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the presence registry that the gateways write: for a whole batch of users, in one
 * pipelined round trip, their sessions on live nodes. A node whose heartbeat has ended
 * does not count, whatever entries it left behind.
 */
@Component
class PresenceDirectory {

    private final StringRedisTemplate redis;

    private final Clock clock;

    PresenceDirectory(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /**
     * The live sessions of each user.
     * @param users the users
     * @return per user, session id to node id for each session on a live node (empty for
     * a user who is offline)
     * @throws org.springframework.dao.DataAccessException if Redis cannot be reached
     */
    Map<UserId, Map<String, String>> sessionsOf(Collection<UserId> users) {
        List<UserId> ordered = new ArrayList<>(users);
        long now = this.clock.millis();
        List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
            connection.zSetCommands().zRangeByScore(bytes(PresenceKeys.NODES), now, Double.POSITIVE_INFINITY);
            for (UserId user : ordered) {
                connection.hashCommands().hGetAll(bytes(PresenceKeys.sessionsOf(user)));
            }
            return null;
        });
        Set<String> liveNodes = new HashSet<>(asStrings(replies.get(0)));
        Map<UserId, Map<String, String>> sessions = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Map<String, String> live = new HashMap<>();
            ((Map<?, ?>) replies.get(i + 1)).forEach((session, node) -> {
                if (liveNodes.contains(String.valueOf(node))) {
                    live.put(String.valueOf(session), String.valueOf(node));
                }
            });
            sessions.put(ordered.get(i), live);
        }
        return sessions;
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static Collection<String> asStrings(Object reply) {
        List<String> values = new ArrayList<>();
        if (reply instanceof Collection<?> collection) {
            collection.forEach((value) -> values.add(String.valueOf(value)));
        }
        return values;
    }

}
