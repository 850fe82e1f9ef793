package dev.switchboard.auth.ratelimit;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counts requests per key in fixed windows, in Redis. A Redis failure is not caught here:
 * the caller's request fails closed (503), it never slips past the limit.
 */
@Component
public class RateLimiter {

    private static final String KEY_PREFIX = "auth:rl:";

    // Count and window in one step, so a key never lives without its expiry.
    private static final RedisScript<List> HIT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {count, ttl}
            """, List.class);

    private final StringRedisTemplate redis;

    private final MeterRegistry meters;

    RateLimiter(StringRedisTemplate redis, MeterRegistry meters) {
        this.redis = redis;
        this.meters = meters;
    }

    /**
     * Counts one request against a limit.
     * @param name the limit's name, for metrics and the key ({@code getcode-mobile})
     * @param subject whom the limit applies to (a number, an address); never logged
     * @param limit the limit
     * @throws RateLimitExceededException if the request is over the limit
     */
    public void acquire(String name, String subject, RateLimit limit) {
        List<?> result = this.redis.execute(HIT, List.of(KEY_PREFIX + name + ":" + subject),
                Long.toString(limit.window().toMillis()));
        long count = ((Number) result.get(0)).longValue();
        long ttlMillis = ((Number) result.get(1)).longValue();
        if (count > limit.requests()) {
            Counter.builder("switchboard.auth.rate.limit.rejections")
                .description("Requests refused because they went over a limit")
                .tag("limit", name)
                .register(this.meters)
                .increment();
            throw new RateLimitExceededException(name, Duration.ofMillis(Math.max(1000, ttlMillis)));
        }
    }

}
