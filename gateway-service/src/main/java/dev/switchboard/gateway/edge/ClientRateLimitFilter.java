package dev.switchboard.gateway.edge;

import java.net.InetSocketAddress;
import java.util.Map;

import dev.switchboard.gateway.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The first-line limit on the auth routes: Spring Cloud Gateway's Redis token-bucket
 * limiter, per client address. Over the limit, a 429 problem with {@code Retry-After}.
 * The limiter fails open when Redis is unreachable; auth-service's own limits still hold.
 */
@Component
class ClientRateLimitFilter implements GatewayFilter {

    static final String LIMIT_ID = "auth";

    private final RedisRateLimiter limiter;

    ClientRateLimitFilter(RedisRateLimiter limiter, GatewayProperties properties) {
        this.limiter = limiter;
        this.limiter.getConfig()
            .put(LIMIT_ID,
                    new RedisRateLimiter.Config().setReplenishRate(properties.authRateLimit().replenishRate())
                        .setBurstCapacity(properties.authRateLimit().burstCapacity())
                        .setRequestedTokens(1));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return this.limiter.isAllowed(LIMIT_ID, clientAddress(exchange)).flatMap((response) -> {
            response.getHeaders().forEach(exchange.getResponse().getHeaders()::set);
            if (response.isAllowed()) {
                return chain.filter(exchange);
            }
            return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests from this address. Retry in a second.", Map.of(HttpHeaders.RETRY_AFTER, "1"));
        });
    }

    private static String clientAddress(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
    }

}
