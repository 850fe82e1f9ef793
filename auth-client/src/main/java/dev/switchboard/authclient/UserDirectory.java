package dev.switchboard.authclient;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.switchboard.model.auth.UserLookup;
import dev.switchboard.model.id.UserId;
import reactor.core.publisher.Flux;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Tells whether user ids belong to registered users, and whom they block, asking
 * auth-service's internal user directory and remembering the answers: a registered user
 * for long (ids are never reused), an unknown id briefly (it may register any moment).
 * Blocks change, so a remembered answer is refreshed in the background once it is
 * {@code blocks-ttl} old (the caller still gets the remembered one at once), and
 * {@link #forget(UserId)} drops it when a gateway hears that a user's blocks changed.
 * Look-ups of ids that are not remembered are batched: one request per call for many ids,
 * and single look-ups that miss within {@value #GATHER_MILLIS} ms of each other share one
 * request (a gateway that starts, or a burst of new recipients, costs auth-service one
 * query, not one per id); concurrent look-ups of the same id share one answer.
 * Non-blocking: an answer that is remembered comes back at once, on the caller's thread,
 * so the gateway can ask on its event loop.
 */
public class UserDirectory {

    private final WebClient webClient;

    private final Duration timeout;

    private static final long GATHER_MILLIS = 2;

    private final AsyncLoadingCache<Long, Recipient> answers;

    // Single look-ups waiting to be asked together; guarded by this.
    private Map<Long, CompletableFuture<Recipient>> gathering;

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
            .expireAfter(new Expiry<Long, Recipient>() {

                @Override
                public long expireAfterCreate(Long id, Recipient recipient, long now) {
                    return recipient.registered() ? registeredNanos : unknownNanos;
                }

                @Override
                public long expireAfterUpdate(Long id, Recipient recipient, long now, long remaining) {
                    return expireAfterCreate(id, recipient, now);
                }

                @Override
                public long expireAfterRead(Long id, Recipient recipient, long now, long remaining) {
                    return remaining;
                }

            })
            .refreshAfterWrite(properties.blocksTtl())
            .buildAsync(new AsyncCacheLoader<Long, Recipient>() {

                @Override
                public CompletableFuture<Recipient> asyncLoad(Long id, Executor executor) {
                    return gather(id);
                }

                @Override
                public CompletableFuture<Map<Long, Recipient>> asyncLoadAll(Set<? extends Long> ids,
                        Executor executor) {
                    return lookUp(ids);
                }

            });
    }

    /**
     * Whether a user id belongs to a registered user.
     * @param user the id
     * @return the answer (already complete when it is remembered), or an
     * {@link AuthUnavailableException} if auth-service did not answer
     */
    public CompletableFuture<Boolean> isRegistered(UserId user) {
        return recipient(user).thenApply(Recipient::registered);
    }

    /**
     * What is known of a user as a recipient: registered, and whom they block.
     * @param user the id
     * @return the answer (already complete when it is remembered), or an
     * {@link AuthUnavailableException} if auth-service did not answer
     */
    public CompletableFuture<Recipient> recipient(UserId user) {
        return this.answers.get(user.value());
    }

    /**
     * Forgets what is remembered of a user (their blocks changed): the next look-up asks
     * auth-service.
     * @param user the user
     */
    public void forget(UserId user) {
        this.answers.synchronous().invalidate(user.value());
    }

    private synchronized CompletableFuture<Recipient> gather(Long id) {
        if (this.gathering == null) {
            this.gathering = new HashMap<>();
            CompletableFuture.delayedExecutor(GATHER_MILLIS, TimeUnit.MILLISECONDS).execute(this::askGathered);
        }
        CompletableFuture<Recipient> answer = this.gathering.computeIfAbsent(id, (key) -> new CompletableFuture<>());
        if (this.gathering.size() >= UserLookup.MAX_IDS) {
            ask(takeGathered());
        }
        return answer;
    }

    private synchronized Map<Long, CompletableFuture<Recipient>> takeGathered() {
        Map<Long, CompletableFuture<Recipient>> taken = this.gathering;
        this.gathering = null;
        return taken;
    }

    private void askGathered() {
        Map<Long, CompletableFuture<Recipient>> taken = takeGathered();
        if (taken != null) {
            ask(taken);
        }
    }

    private void ask(Map<Long, CompletableFuture<Recipient>> waiting) {
        lookUp(waiting.keySet()).whenComplete((recipients, failure) -> waiting.forEach((id, answer) -> {
            if (failure != null) {
                answer.completeExceptionally(failure);
            }
            else {
                answer.complete(recipients.get(id));
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
        return this.answers.getAll(ids).thenApply((answers) -> {
            Set<UserId> registered = new HashSet<>();
            answers.forEach((id, recipient) -> {
                if (recipient.registered()) {
                    registered.add(new UserId(id));
                }
            });
            return registered;
        });
    }

    private CompletableFuture<Map<Long, Recipient>> lookUp(Set<? extends Long> ids) {
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
            .collect(HashMap<Long, Recipient>::new, (found, answer) -> {
                Map<Long, Set<UserId>> blocks = new HashMap<>();
                answer.blocks().forEach((entry) -> blocks.put(entry.user().value(), Set.copyOf(entry.blocked())));
                answer.registered().forEach((user) -> {
                    Set<UserId> blocked = blocks.get(user.value());
                    found.put(user.value(), (blocked != null) ? new Recipient(true, blocked) : Recipient.OPEN);
                });
            })
            .map((found) -> {
                Map<Long, Recipient> answers = new HashMap<>();
                ids.forEach((id) -> answers.put(id, found.getOrDefault(id, Recipient.UNKNOWN)));
                return answers;
            })
            .toFuture();
    }

}
