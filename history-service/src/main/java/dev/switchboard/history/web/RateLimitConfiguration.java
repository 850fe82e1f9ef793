package dev.switchboard.history.web;

import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.AuthenticatedUserArgumentResolver;
import dev.switchboard.history.HistoryProperties;
import dev.switchboard.support.ratelimit.RateLimit;
import dev.switchboard.support.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Per-user limits on the history API, checked before a handler runs: {@code sync} and the
 * conversation reads each have their own ({@code switchboard.history.rate-limits.*}). The
 * caller is authenticated once for the limit and the handler together. While Redis cannot
 * count, requests go through (logged at DEBUG): the limits keep one user from taking the
 * service's capacity, and nothing is at stake that Redis being down would expose.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration implements WebMvcConfigurer {

    private static final Logger logger = LoggerFactory.getLogger(RateLimitConfiguration.class);

    private final RateLimiter limiter;

    private final AuthenticatedUserArgumentResolver callers;

    private final HistoryProperties.RateLimits limits;

    RateLimitConfiguration(StringRedisTemplate redis, MeterRegistry meters, AuthenticatedUserArgumentResolver callers,
            HistoryProperties properties) {
        this.limiter = new RateLimiter(redis, meters, "history");
        this.callers = callers;
        this.limits = properties.rateLimits();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PerUserLimit("sync-user", this.limits.syncPerUser()))
            .addPathPatterns("/api/history/sync");
        registry.addInterceptor(new PerUserLimit("reads-user", this.limits.readsPerUser()))
            .addPathPatterns("/api/history/conversations", "/api/history/conversations/**");
    }

    private final class PerUserLimit implements HandlerInterceptor {

        private final String name;

        private final RateLimit limit;

        PerUserLimit(String name, RateLimit limit) {
            this.name = name;
            this.limit = limit;
        }

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            AuthenticatedUser caller = RateLimitConfiguration.this.callers.authenticate(request);
            try {
                RateLimitConfiguration.this.limiter.acquire(this.name, caller.userId().toString(), this.limit);
            }
            catch (DataAccessException ex) {
                logger.debug("Redis cannot count {} requests; letting this one through: {}", this.name, ex.toString());
            }
            return true;
        }

    }

}
