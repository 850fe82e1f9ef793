package dev.switchboard.authclient;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchboard.model.auth.UserLookup;
import dev.switchboard.model.id.UserId;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tells whether user ids belong to registered users, asking auth-service's internal user
 * directory and remembering the answers: a registered user for long (ids are never
 * reused), an unknown id briefly (it may register any moment). Look-ups of ids that are
 * not remembered are batched: one request per call for many ids, and single look-ups that
 * miss within {@value #GATHER_MILLIS} ms of each other share one request (a gateway that
 * starts, or a burst of new recipients, costs auth-service one query, not one per id);
 * concurrent look-ups of the same id share one answer. Non-blocking: an answer that is
 * remembered comes back at once, on the caller's thread, so the gateway can ask on its
 * event loop.
 */
public class UserDirectory {

    private final WebClient webClient;

    private final Duration timeout;

    private static final long GATHER_MILLIS = 2;

    private final AsyncCache<Long, Boolean> answers;

    // Single look-ups waiting to be asked together; guarded by this.
    private Map<Long, CompletableFuture<Boolean>> gathering;

    /**
     * Creates a directory.
     * @param webClient a client whose base URL is auth-service's user directory
     * ({@code /internal/auth/users})
     * @param timeout how long to wait for auth-service
     * @param properties how long answers are remembered, and how many
     */
    public UserDirectory(WebClient webClient, Duration timeout, AuthClientProperties.Users properties) {
        this.webClient = webClient;
        this.timeout = timeout;
        long registeredNanos = properties.registeredTtl().toNanos();
        long unknownNanos = properties.unknownTtl().toNanos();
        this.answers = Caffeine.newBuilder()
            .maximumSize(properties.maxRemembered())
            .expireAfter(new Expiry<Long, Boolean>() {

                @Override
                public long expireAfterCreate(Long id, Boolean registered, long now) {
                    return registered ? registeredNanos : unknownNanos;
                }

                @Override
                public long expireAfterUpdate(Long id, Boolean registered, long now, long remaining) {
                    return expireAfterCreate(id, registered, now);
                }

                @Override
                public long expireAfterRead(Long id, Boolean registered, long now, long remaining) {
                    return remaining;
                }

            })
            .buildAsync();
    }

    /**
     * Whether a user id belongs to a registered user.
     * @param user the id
     * @return the answer (already complete when it is remembered), or an
     * {@link AuthUnavailableException} if auth-service did not answer
     */
    public CompletableFuture<Boolean> isRegistered(UserId user) {
        return this.answers.get(user.value(), (id, executor) -> gather(id));
    }

    private synchronized CompletableFuture<Boolean> gather(Long id) {
        if (this.gathering == null) {
            this.gathering = new HashMap<>();
            CompletableFuture.delayedExecutor(GATHER_MILLIS, TimeUnit.MILLISECONDS).execute(this::askGathered);
        }
        CompletableFuture<Boolean> answer = this.gathering.computeIfAbsent(id, (key) -> new CompletableFuture<>());
        if (this.gathering.size() >= UserLookup.MAX_IDS) {
            ask(takeGathered());
        }
        return answer;
    }

    private synchronized Map<Long, CompletableFuture<Boolean>> takeGathered() {
        Map<Long, CompletableFuture<Boolean>> taken = this.gathering;
        this.gathering = null;
        return taken;
    }

    private void askGathered() {
        Map<Long, CompletableFuture<Boolean>> taken = takeGathered();
        if (taken != null) {
            ask(taken);
        }
    }

    private void ask(Map<Long, CompletableFuture<Boolean>> waiting) {
        lookUp(waiting.keySet()).whenComplete((registered, failure) -> waiting.forEach((id, answer) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            }
            else {
                answer.complete(registered.contains(id));
            }
        }));
    }

    /**
     * The registered users among some user ids.
     * @param users the ids
     * @return those that belong to registered users, or an
     * {@link AuthUnavailableException} if auth-service did not answer
     */
    public CompletableFuture<Set<UserId>> registered(Collection<UserId> users) {
        if (users.isEmpty()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        Set<Long> ids = new HashSet<>();
        users.forEach((user) -> ids.add(user.value()));
        return this.answers.getAll(ids, (missing, executor) -> lookUp(missing).thenApply((found) -> {
            Map<Long, Boolean> answers = new HashMap<>();
            missing.forEach((id) -> answers.put(id, found.contains(id)));
            return answers;
        })).thenApply((answers) -> {
            Set<UserId> registered = new HashSet<>();
            answers.forEach((id, isRegistered) -> {
                if (isRegistered) {
                    registered.add(new UserId(id));
                }
            });
            return registered;
        });
    }

    private CompletableFuture<Set<Long>> lookUp(Set<? extends Long> ids) {
        List<UserId> all = ids.stream().map(UserId::new).toList();
        return Flux.fromIterable(all)
            .buffer(UserLookup.MAX_IDS)
            .concatMap((chunk) -> this.webClient.post()
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(new UserLookup(chunk))
                .retrieve()
                .bodyToMono(UserLookup.Answer.class)
                .timeout(this.timeout))
            .onErrorMap((ex) -> new AuthUnavailableException("auth-service did not answer a user look-up", ex))
            .collect(HashSet<Long>::new,
                    (found, answer) -> answer.registered().forEach((user) -> found.add(user.value())))
            .map((found) -> (Set<Long>) found)
            .toFuture();
    }

}
