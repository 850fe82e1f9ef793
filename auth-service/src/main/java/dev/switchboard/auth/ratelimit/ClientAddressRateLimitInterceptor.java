package dev.switchboard.auth.ratelimit;

import dev.switchboard.auth.AuthProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits code requests per client address, before the request is even read. The address
 * is the one the trusted proxy in front (the gateway) forwarded.
 */
@Component
public class ClientAddressRateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    private final RateLimit limit;

    ClientAddressRateLimitInterceptor(RateLimiter limiter, AuthProperties properties) {
        this.limiter = limiter;
        this.limit = properties.rateLimits().getcodePerIp();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        this.limiter.acquire("getcode-ip", request.getRemoteAddr(), this.limit);
        return true;
    }

}
