package dev.switchboard.auth.token;

import java.time.Clock;
import java.time.Duration;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes auth-service's token cache in Redis, which every verifier reads. An entry lives
 * as long as its token. Writing is best effort: a token missing from the cache is looked
 * up in the database and cached again.
 */
@Component
class TokenCache {

    private static final Logger logger = LoggerFactory.getLogger(TokenCache.class);

    private static final Duration MAX_TTL = Duration.ofDays(400);

    private final StringRedisTemplate redis;

    private final Clock clock;

    TokenCache(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    void put(String token, AuthenticatedUser user) {
        Duration ttl = CachedCredential.timeToLive(user, this.clock.instant(), MAX_TTL);
        if (ttl.isZero()) {
            return;
        }
        try {
            this.redis.opsForValue().set(CachedCredential.tokenKey(token), CachedCredential.encode(user), ttl);
        }
        catch (RuntimeException ex) {
            logger.warn("Could not cache a token of user {}: {}", user.userId(), ex.toString());
        }
    }

    /**
     * Removes a revoked token's entry.
     * @throws RuntimeException if Redis cannot be reached: the revocation is not complete
     */
    void evict(byte[] digest) {
        this.redis.delete(CachedCredential.tokenKeyOfDigest(digest));
    }

}
