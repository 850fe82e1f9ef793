package dev.switchboard.support.ratelimit;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Counts requests per key in fixed windows, in Redis, so that every instance of a service
 * counts together. A Redis failure is not caught here: the caller's request fails closed
 * (503), it never slips past the limit. Over a limit, a
 * {@link RateLimitExceededException} becomes a 429 problem with {@code Retry-After}
 * ({@link dev.switchboard.support.web.ServletProblemHandler}).
 */
public class RateLimiter {

    // Count and window in one step, so a key never lives without its expiry.
    private static final RedisScript<List> HIT = RedisScript.of("""
            local count = redis.call('INCRBY', KEYS[1], ARGV[2])
            if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {count, ttl}
            """, List.class);

    private final StringRedisTemplate redis;

    private final MeterRegistry meters;

    private final String keyPrefix;

    private final String meterName;

    /**
     * Creates a limiter for one service.
     * @param redis where the counts live
     * @param meters where refusals are counted
     * @param service the service's short name ({@code auth}, {@code history}): its keys
     * are {@code <service>:rl:<limit>:<subject>}, its refusals
     * {@code switchboard.<service>.rate.limit.rejections{limit}}
     */
    public RateLimiter(StringRedisTemplate redis, MeterRegistry meters, String service) {
        this.redis = redis;
        this.meters = meters;
        this.keyPrefix = service + ":rl:";
        this.meterName = "switchboard." + service + ".rate.limit.rejections";
    }

    /**
     * Counts one request against a limit.
     * @param name the limit's name, for metrics and the key ({@code getcode-mobile})
     * @param subject whom the limit applies to (a number, an address); never logged
     * @param limit the limit
     * @throws RateLimitExceededException if the request is over the limit
     */
    public void acquire(String name, String subject, RateLimit limit) {
        acquire(name, subject, limit, 1);
    }

    /**
     * Counts several units (numbers looked up, say) against a limit in one step. Units of
     * a refused request count too, so retrying it does not get through sooner.
     * @param name the limit's name, for metrics and the key
     * @param subject whom the limit applies to; never logged
     * @param limit the limit, in units per window
     * @param units how many units this request costs, at least 1
     * @throws RateLimitExceededException if the request goes over the limit
     */
    public void acquire(String name, String subject, RateLimit limit, int units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1");
        }
        List<?> result = this.redis.execute(HIT, List.of(this.keyPrefix + name + ":" + subject),
                Long.toString(limit.window().toMillis()), Integer.toString(units));
        long count = ((Number) result.get(0)).longValue();
        long ttlMillis = ((Number) result.get(1)).longValue();
        if (count > limit.requests()) {
            Counter.builder(this.meterName)
                .description("Requests refused because they went over a limit")
                .tag("limit", name)
                .register(this.meters)
                .increment();
            throw new RateLimitExceededException(name, Duration.ofMillis(Math.max(1000, ttlMillis)));
        }
    }

}
