package dev.switchboard.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.presence.PresenceRegistry;
import dev.switchboard.model.frame.ServerFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One authenticated connection at {@code /messaging}, from registration to cleanup:
 * <ol>
 * <li>the session joins this node's local sessions, then the presence registry;</li>
 * <li>only then does the client get {@code ready} (so that a sync it starts afterwards
 * cannot miss a message: see docs/protocol.md), and its frames are read;</li>
 * <li>when the connection ends, for whatever reason, the session leaves both.</li>
 * </ol>
 * A session that cannot be registered is closed with 1013: without registration it would
 * get no live deliveries.
 */
@Component
class MessagingWebSocketHandler implements WebSocketHandler {

    private static final Logger logger = LoggerFactory.getLogger(MessagingWebSocketHandler.class);

    private static final Base64.Encoder IDS = Base64.getUrlEncoder().withoutPadding();

    private final LocalSessions sessions;

    private final PresenceRegistry presence;

    private final InboundFrames inbound;

    private final FrameCodec codec;

    private final GatewayMetrics metrics;

    private final GatewayProperties properties;

    private final SecureRandom random = new SecureRandom();

    MessagingWebSocketHandler(LocalSessions sessions, PresenceRegistry presence, InboundFrames inbound,
            FrameCodec codec, GatewayMetrics metrics, GatewayProperties properties) {
        this.sessions = sessions;
        this.presence = presence;
        this.inbound = inbound;
        this.codec = codec;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public Mono<Void> handle(WebSocketSession webSocket) {
        // Reached only through AuthenticatingHandshakeService, which passes the
        // principal.
        return webSocket.close(org.springframework.web.reactive.socket.CloseStatus.POLICY_VIOLATION);
    }

    /**
     * Runs an authenticated connection.
     * @param webSocket the connection
     * @param principal who opened it
     * @return completes when the connection is gone and the session cleaned up
     */
    Mono<Void> handle(WebSocketSession webSocket, SessionPrincipal principal) {
        GatewayProperties.WebSocket limits = this.properties.websocket();
        ClientSession session = new ClientSession(newSessionId(), principal, webSocket, limits.maxQueuedFrames(),
                limits.framesPerSecond(), limits.frameBurst(), this.metrics::slowConsumerClosed);
        this.sessions.add(session);
        Mono<Void> output = webSocket.send(session.outbound()).then(Mono.defer(session::closeIfQueued));
        Mono<Boolean> registered = this.presence.register(session.userId(), session.id())
            .thenReturn(true)
            .onErrorResume((ex) -> {
                logger.warn("Session of user {} could not be registered: {}", session.userId(), ex.toString());
                session.close(CloseCodes.PRESENCE_UNAVAILABLE);
                return Mono.just(false);
            });
        Mono<Void> input = registered.flatMap((ok) -> {
            if (!ok) {
                return Mono.<Void>empty();
            }
            if (!session.isSeed()) {
                session.send(this.codec
                    .encode(new ServerFrame.Ready(session.id(), session.userId(), this.properties.nodeId())));
                this.metrics.frameOut("ready");
            }
            return webSocket.receive()
                .doOnNext((message) -> this.inbound.handle(session, message))
                .then()
                .onErrorResume((ex) -> {
                    session.close(CloseCodes.of(ex));
                    return Mono.empty();
                });
        }).doFinally((signal) -> session.completeOutbound());
        return Mono.when(input, output).onErrorResume((ex) -> Mono.empty()).doFinally((signal) -> {
            this.sessions.remove(session);
            this.presence.unregister(session.userId(), session.id())
                .subscribe(null,
                        (ex) -> logger.debug(
                                "Presence entry of a closed session stays until its node's " + "heartbeat ends: {}",
                                ex.toString()));
        });
    }

    private String newSessionId() {
        byte[] bytes = new byte[9];
        this.random.nextBytes(bytes);
        return IDS.encodeToString(bytes);
    }

}
