package dev.switchboard.auth.ratelimit;

import dev.switchboard.model.Headers;
import dev.switchboard.support.ratelimit.RateLimit;
import dev.switchboard.support.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Limits requests per client address, before the request is even read. The address is the
 * one the gateway saw and put in {@value Headers#CLIENT_ADDRESS} (replacing whatever the
 * client sent); {@code X-Forwarded-For} is not read, so no client can pass for another
 * address. Only the gateway reaches auth-service (the chart's NetworkPolicy); a request
 * without the header is counted under its TCP peer.
 */
class ClientAddressRateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    private final String name;

    private final RateLimit limit;

    ClientAddressRateLimitInterceptor(RateLimiter limiter, String name, RateLimit limit) {
        this.limiter = limiter;
        this.name = name;
        this.limit = limit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        this.limiter.acquire(this.name, clientAddress(request), this.limit);
        return true;
    }

    static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader(Headers.CLIENT_ADDRESS);
        return (forwarded != null && !forwarded.isBlank()) ? forwarded.trim() : request.getRemoteAddr();
    }

}
