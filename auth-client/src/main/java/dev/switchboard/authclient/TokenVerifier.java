package dev.switchboard.authclient;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Checks access tokens and WebSocket tickets for every service that trusts auth-service:
 * the Redis token cache answers first; when it has no entry, or cannot be reached, the
 * {@link TokenSource} decides. Non-blocking, so the gateway can call it on its event
 * loop.
 */
public class TokenVerifier {

    private static final Logger logger = LoggerFactory.getLogger(TokenVerifier.class);

    private final ReactiveStringRedisTemplate redis;

    private final TokenSource source;

    private final Duration timeout;

    private final Clock clock;

    /**
     * Creates a verifier.
     * @param redis the Redis that holds auth-service's token cache
     * @param source the source of truth on a cache miss
     * @param timeout how long to wait for Redis
     * @param clock the clock that decides expiry
     */
    public TokenVerifier(ReactiveStringRedisTemplate redis, TokenSource source, Duration timeout, Clock clock) {
        this.redis = redis;
        this.source = source;
        this.timeout = timeout;
        this.clock = clock;
    }

    /**
     * Checks an access token.
     * @param token the presented token
     * @return the user, empty if the token is malformed, unknown, expired or revoked, or
     * an {@link AuthUnavailableException} if neither the cache nor the source answered
     */
    public Mono<AuthenticatedUser> verify(String token) {
        if (!Secrets.isWellFormed(token)) {
            return Mono.empty();
        }
        return this.redis.opsForValue()
            .get(CachedCredential.tokenKey(token))
            .timeout(this.timeout)
            .mapNotNull(CachedCredential::decode)
            .onErrorResume((ex) -> {
                logger.debug("Token cache unavailable, asking the token source: {}", ex.toString());
                return Mono.empty();
            })
            .switchIfEmpty(Mono.defer(() -> this.source.lookUp(token)))
            .filter((user) -> !user.isExpiredAt(this.clock.instant()));
    }

    /**
     * Redeems a one-time WebSocket ticket: the first redemption succeeds if the ticket's
     * token is still valid (not expired, not revoked since the ticket was issued); every
     * later one finds nothing.
     * @param ticket the presented ticket
     * @return the user the ticket was issued to, empty if it is malformed, unknown, used
     * or expired, or its token was revoked, or an {@link AuthUnavailableException} if
     * Redis did not answer
     */
    public Mono<AuthenticatedUser> redeemTicket(String ticket) {
        if (!Secrets.isWellFormed(ticket)) {
            return Mono.empty();
        }
        return this.redis.opsForValue()
            .getAndDelete(CachedCredential.ticketKey(ticket))
            .mapNotNull(CachedCredential::decode)
            .filter((user) -> !user.isExpiredAt(this.clock.instant()))
            .filterWhen(
                    (user) -> this.redis.hasKey(CachedCredential.revokedKey(user.tokenId())).map((revoked) -> !revoked))
            .timeout(this.timeout)
            .onErrorMap((ex) -> !(ex instanceof AuthUnavailableException),
                    (ex) -> new AuthUnavailableException("Ticket store unavailable", ex));
    }

}
