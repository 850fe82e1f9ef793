package dev.switchboard.auth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.authclient.Secrets;
import dev.switchboard.model.auth.WebSocketTicket;
import dev.switchboard.model.id.UserId;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Issues and revokes access tokens, and issues WebSocket tickets.
 */
@Service
public class AccessTokens {

    private final TokenRepository tokens;

    private final TokenCache cache;

    private final RevocationPublisher revocations;

    private final StringRedisTemplate redis;

    private final SecureRandom random;

    private final Clock clock;

    private final AuthProperties.Token properties;

    AccessTokens(TokenRepository tokens, TokenCache cache, RevocationPublisher revocations, StringRedisTemplate redis,
            SecureRandom random, Clock clock, AuthProperties properties) {
        this.tokens = tokens;
        this.cache = cache;
        this.revocations = revocations;
        this.redis = redis;
        this.random = random;
        this.clock = clock;
        this.properties = properties.token();
    }

    /**
     * Issues a token for a user who just logged in.
     * @param user the user
     * @return the token (shown once) and what it stands for
     */
    public IssuedToken issue(UserId user) {
        String token = Secrets.generate(this.random);
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(this.properties.lifetime());
        long id = this.tokens.insert(user, Secrets.digest(token), now, expiresAt);
        AuthenticatedUser credential = new AuthenticatedUser(user, id, expiresAt);
        this.cache.put(token, credential);
        return new IssuedToken(token, credential);
    }

    /**
     * Revokes a token everywhere: at once in the database; its cache entry and the event
     * that closes its sockets follow now, or as soon as Redis and Kafka can take them.
     * @param credential the token to revoke
     */
    public void revoke(AuthenticatedUser credential) {
        this.tokens.revoke(credential.tokenId(), this.clock.instant()).ifPresent(this.revocations::complete);
    }

    /**
     * Issues a one-time ticket that opens the WebSocket for a browser.
     * @param credential the token the ticket stands for
     * @return the ticket
     */
    public WebSocketTicket issueTicket(AuthenticatedUser credential) {
        String ticket = Secrets.generate(this.random);
        Duration ttl = CachedCredential.timeToLive(credential, this.clock.instant(), this.properties.ticketLifetime());
        this.redis.opsForValue().set(CachedCredential.ticketKey(ticket), CachedCredential.encode(credential), ttl);
        return new WebSocketTicket(ticket, ttl.toSeconds());
    }

    /**
     * A freshly issued token.
     *
     * @param token the token itself
     * @param credential what it stands for
     */
    public record IssuedToken(String token, AuthenticatedUser credential) {
    }

}
