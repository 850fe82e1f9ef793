package dev.switchboard.gateway.edge;

import java.net.InetSocketAddress;

import dev.switchboard.gateway.GatewayProperties;

import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one answer to "which address is this client at": the TCP peer, or, behind
 * {@code trusted-proxy-hops} proxies that append to {@code X-Forwarded-For}, the entry
 * the outermost of them wrote. Entries further left are the client's own words and are
 * never believed. Both the gateway's own limits and the services behind it (through
 * {@code X-Switchboard-Client-Address}) count by this address.
 */
@Component
public class ClientAddresses {

    private final RemoteAddressResolver resolver;

    ClientAddresses(GatewayProperties properties) {
        this.resolver = (properties.trustedProxyHops() > 0)
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxyHops())
                : new RemoteAddressResolver() {
                };
    }

    /**
     * The client's address.
     * @param exchange the request
     * @return the address as text, {@code unknown} if there is none
     */
    public String of(ServerWebExchange exchange) {
        InetSocketAddress address = this.resolver.resolve(exchange);
        if (address == null) {
            return "unknown";
        }
        return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
    }

}
