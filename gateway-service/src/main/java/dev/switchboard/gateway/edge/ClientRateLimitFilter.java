package dev.switchboard.gateway.edge;

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
 * limiter, per client address ({@link ClientAddresses}). Over the limit, a 429 problem
 * with {@code Retry-After}. The limiter fails open when Redis is unreachable;
 * auth-service's own limits still hold.
 */
@Component
class ClientRateLimitFilter implements GatewayFilter {

    static final String LIMIT_ID = "auth";

    private final RedisRateLimiter limiter;

    private final ClientAddresses addresses;

    ClientRateLimitFilter(RedisRateLimiter limiter, ClientAddresses addresses, GatewayProperties properties) {
        this.limiter = limiter;
        this.addresses = addresses;
        this.limiter.getConfig()
            .put(LIMIT_ID,
                    new RedisRateLimiter.Config().setReplenishRate(properties.authRateLimit().replenishRate())
                        .setBurstCapacity(properties.authRateLimit().burstCapacity())
                        .setRequestedTokens(1));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return this.limiter.isAllowed(LIMIT_ID, this.addresses.of(exchange)).flatMap((response) -> {
            response.getHeaders().forEach(exchange.getResponse().getHeaders()::set);
            if (response.isAllowed()) {
                return chain.filter(exchange);
            }
            return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests from this address. Retry in a second.", Map.of(HttpHeaders.RETRY_AFTER, "1"));
        });
    }

}
