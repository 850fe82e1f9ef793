package dev.switchboard.gateway.session;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.switchboard.authclient.TokenVerifier;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.edge.AllowedOrigins;
import dev.switchboard.gateway.presence.PresenceRegistry;
import io.netty.handler.timeout.WriteTimeoutHandler;
import reactor.netty.http.server.WebsocketServerSpec;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.upgrade.ReactorNettyRequestUpgradeStrategy;

/**
 * Maps {@code /messaging} and {@code /stomp} (ahead of the gateway's routes) to the
 * session handler, behind the authenticating handshake and Netty's frame limit: a frame
 * over {@code max-frame-size} closes its connection with 1009 before it is ever buffered
 * whole. Every connection gets a write timeout, so that a client that stopped reading is
 * cut off instead of holding its buffers for ever.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration implements WebFluxConfigurer {

    private final WebSocketService webSocketService;

    WebSocketConfiguration(MessagingWebSocketHandler sessions, TokenVerifier verifier, PresenceRegistry presence,
            AllowedOrigins origins, SessionGate gate, GatewayMetrics metrics, GatewayProperties properties) {
        int maxFrame = (int) properties.websocket().maxFrameSize().toBytes();
        ReactorNettyRequestUpgradeStrategy upgrade = new ReactorNettyRequestUpgradeStrategy(
                // Pings reach the session handler, which charges them to the frame budget
                // before it answers.
                () -> WebsocketServerSpec.builder().maxFramePayloadLength(maxFrame).handlePing(true));
        this.webSocketService = new AuthenticatingHandshakeService(upgrade, sessions, verifier, presence, origins, gate,
                metrics, properties);
    }

    @Override
    public WebSocketService getWebSocketService() {
        return this.webSocketService;
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> writeTimeout(GatewayProperties properties) {
        long millis = properties.websocket().writeTimeout().toMillis();
        return (factory) -> factory.addServerCustomizers((server) -> server.doOnConnection((connection) -> connection
            .addHandlerLast("switchboardWriteTimeout", new WriteTimeoutHandler(millis, TimeUnit.MILLISECONDS))));
    }

    @Bean
    HandlerMapping messagingEndpoint(MessagingWebSocketHandler handler, StompEndpoint stomp) {
        return new SimpleUrlHandlerMapping(Map.of("/messaging", handler, "/stomp", stomp), Ordered.HIGHEST_PRECEDENCE);
    }

}
