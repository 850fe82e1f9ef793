package dev.switchboard.gateway.session;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.model.id.UserId;

import org.springframework.stereotype.Component;

/**
 * The sessions this node holds, by user. A user's sessions are an array replaced on every
 * change, so that delivery reads them without locks or allocation.
 */
@Component
public class LocalSessions {

    private static final ClientSession[] NONE = new ClientSession[0];

    private final ConcurrentHashMap<Long, ClientSession[]> byUser = new ConcurrentHashMap<>();

    private final AtomicInteger count = new AtomicInteger();

    LocalSessions(GatewayMetrics metrics) {
        metrics.sessionsGauge(this.count::get);
    }

    void add(ClientSession session) {
        this.byUser.merge(session.userId().value(), new ClientSession[] { session }, (present, added) -> {
            ClientSession[] grown = Arrays.copyOf(present, present.length + 1);
            grown[present.length] = session;
            return grown;
        });
        this.count.incrementAndGet();
    }

    void remove(ClientSession session) {
        boolean[] removed = new boolean[1];
        this.byUser.computeIfPresent(session.userId().value(), (user, present) -> {
            ClientSession[] kept = Arrays.stream(present).filter((s) -> s != session).toArray(ClientSession[]::new);
            removed[0] = kept.length < present.length;
            return (kept.length == 0) ? null : kept;
        });
        if (removed[0]) {
            this.count.decrementAndGet();
        }
    }

    /**
     * The sessions of a user on this node.
     * @param user the user
     * @return the sessions (do not modify)
     */
    public ClientSession[] of(UserId user) {
        return this.byUser.getOrDefault(user.value(), NONE);
    }

    /**
     * Runs an action for every session on this node.
     * @param action the action
     */
    public void forEach(Consumer<ClientSession> action) {
        this.byUser.values().forEach((sessions) -> Arrays.asList(sessions).forEach(action));
    }

    /**
     * How many sessions this node holds.
     * @return the count
     */
    public int count() {
        return this.count.get();
    }

}
