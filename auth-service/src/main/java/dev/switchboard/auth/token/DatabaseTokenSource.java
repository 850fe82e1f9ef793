package dev.switchboard.auth.token;

import java.time.Clock;
import java.util.Optional;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.Secrets;
import dev.switchboard.authclient.TokenSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

/**
 * The source of truth behind the token cache inside auth-service: the database. A hit is
 * cached again.
 */
@Component
class DatabaseTokenSource implements TokenSource {

    private final TokenRepository tokens;

    private final TokenCache cache;

    private final Clock clock;

    DatabaseTokenSource(TokenRepository tokens, TokenCache cache, Clock clock) {
        this.tokens = tokens;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Mono<AuthenticatedUser> lookUp(String token) {
        return Mono.fromCallable(() -> find(token).orElse(null)).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Looks a token up in the database, blocking, and caches it again if it is valid.
     * @param token a well-formed token
     * @return the user, empty if the token is unknown, expired or revoked
     */
    Optional<AuthenticatedUser> find(String token) {
        Optional<AuthenticatedUser> user = this.tokens.findActive(Secrets.digest(token), this.clock.instant());
        user.ifPresent((found) -> this.cache.put(token, found));
        return user;
    }

}
