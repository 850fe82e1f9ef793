package dev.switchboard.gateway.edge;

import dev.switchboard.authclient.AuthUnavailableException;
import dev.switchboard.authclient.BearerToken;
import dev.switchboard.authclient.TokenVerifier;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Lets a request through to a protected route only with a valid bearer token; the service
 * behind checks it again. A request without one never reaches the service.
 */
@Component
class BearerAuthenticationFilter implements GatewayFilter {

    private final TokenVerifier verifier;

    BearerAuthenticationFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String token = BearerToken.fromHeader(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return ProblemResponses.unauthorized(exchange, "A bearer token is required.");
        }
        return this.verifier.verify(token)
            .flatMap((user) -> chain.filter(exchange).thenReturn(true))
            .switchIfEmpty(Mono.defer(
                    () -> ProblemResponses.unauthorized(exchange, "The bearer token is not valid.").thenReturn(false)))
            .onErrorResume(AuthUnavailableException.class,
                    (ex) -> ProblemResponses.unavailable(exchange, "Tokens cannot be checked right now.")
                        .thenReturn(false))
            .then();
    }

}
