package dev.switchboard.gateway.edge;

import dev.switchboard.model.Headers;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services behind every route which address the client is at: sets
 * {@value Headers#CLIENT_ADDRESS} to what {@link ClientAddresses} says, replacing any
 * value the client sent. auth-service counts its per-address limits by it and never reads
 * {@code X-Forwarded-For}, so a client cannot reset a limit by forging that header.
 */
@Component
class ClientAddressFilter implements GlobalFilter, Ordered {

    private final ClientAddresses addresses;

    ClientAddressFilter(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String address = this.addresses.of(exchange);
        return chain.filter(exchange.mutate()
            .request((request) -> request.headers((headers) -> headers.set(Headers.CLIENT_ADDRESS, address)))
            .build());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

}
