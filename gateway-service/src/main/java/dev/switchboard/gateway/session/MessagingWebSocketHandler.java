package dev.switchboard.gateway.session;

import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.presence.PresenceRegistry;
import dev.switchboard.model.frame.ServerFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One authenticated connection at {@code /messaging}, from the upgrade to cleanup:
 * <ol>
 * <li>the handshake registered the session in the presence registry
 * ({@link AuthenticatingHandshakeService}); it joins this node's local sessions (and is
 * closed at once if its token was revoked meanwhile);</li>
 * <li>only then does the client get {@code ready} (so that a sync it starts afterwards
 * cannot miss a message: see docs/protocol.md), and its frames are read;</li>
 * <li>when the connection ends, for whatever reason, the session leaves both.</li>
 * </ol>
 */
@Component
class MessagingWebSocketHandler implements WebSocketHandler {

    private static final Logger logger = LoggerFactory.getLogger(MessagingWebSocketHandler.class);

    private final LocalSessions sessions;

    private final PresenceRegistry presence;

    private final SessionRevocations revocations;

    private final InboundFrames inbound;

    private final FrameCodec codec;

    private final StompCodec stompCodec = new StompCodec();

    /**
     * A STOMP side for a session.
     * @return a new one
     */
    StompWire stompWire() {
        return new StompWire(this.stompCodec, this.codec);
    }

    private final GatewayMetrics metrics;

    private final GatewayProperties properties;

    MessagingWebSocketHandler(LocalSessions sessions, PresenceRegistry presence, SessionRevocations revocations,
            InboundFrames inbound, FrameCodec codec, GatewayMetrics metrics, GatewayProperties properties) {
        this.sessions = sessions;
        this.presence = presence;
        this.revocations = revocations;
        this.inbound = inbound;
        this.codec = codec;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public Mono<Void> handle(WebSocketSession webSocket) {
        // Reached only through AuthenticatingHandshakeService, which passes the
        // principal.
        return webSocket.close(CloseStatus.POLICY_VIOLATION);
    }

    /**
     * Runs an authenticated connection whose session the handshake registered.
     * @param webSocket the connection
     * @param principal who opened it
     * @param sessionId the session's id, as registered
     * @return completes when the connection is gone and the session cleaned up
     */
    Mono<Void> handle(WebSocketSession webSocket, SessionPrincipal principal, String sessionId) {
        return handle(webSocket, principal, sessionId, false);
    }

    /**
     * Runs an authenticated connection whose session the handshake registered, at
     * {@code /messaging} or, with the STOMP frames of {@link StompWire}, at
     * {@code /stomp}: the same session in every other respect.
     * @param webSocket the connection
     * @param principal who opened it
     * @param sessionId the session's id, as registered
     * @param stomp whether the client speaks STOMP
     * @return completes when the connection is gone and the session cleaned up
     */
    Mono<Void> handle(WebSocketSession webSocket, SessionPrincipal principal, String sessionId, boolean stomp) {
        return handle(webSocket, principal, sessionId, stomp, webSocket.receive());
    }

    /**
     * Runs an authenticated connection whose frames are read from {@code messages}: the
     * connection's own, or (for a {@code /stomp} client that authenticated with its
     * {@code CONNECT}) the {@code CONNECT} that was read already followed by the rest.
     * @param webSocket the connection
     * @param principal who opened it
     * @param sessionId the session's id, as registered
     * @param stomp whether the client speaks STOMP
     * @param messages the client's WebSocket messages
     * @return completes when the connection is gone and the session cleaned up
     */
    Mono<Void> handle(WebSocketSession webSocket, SessionPrincipal principal, String sessionId, boolean stomp,
            Flux<WebSocketMessage> messages) {
        GatewayProperties.WebSocket limits = this.properties.websocket();
        ClientSession session = new ClientSession(sessionId, principal, webSocket, limits.maxQueuedFrames(),
                limits.framesPerSecond(), limits.frameBurst(), this.metrics::slowConsumerClosed,
                stomp ? stompWire() : null);
        this.sessions.add(session);
        Mono<Void> output = webSocket.send(session.outbound()).then(Mono.defer(session::closeIfQueued));
        Mono<Void> input = Mono.defer(() -> {
            if (this.revocations.closeIfRevoked(session)) {
                return Mono.<Void>empty();
            }
            // A STOMP client gets CONNECTED for its CONNECT instead.
            if (!session.isSeed() && session.stomp() == null) {
                session.send(this.codec
                    .encode(new ServerFrame.Ready(session.id(), session.userId(), this.properties.nodeId())));
                this.metrics.frameOut("ready");
            }
            return messages.doOnNext((message) -> this.inbound.handle(session, message)).then().onErrorResume((ex) -> {
                session.close(CloseCodes.of(ex));
                return Mono.empty();
            });
        }).doFinally((signal) -> session.completeOutbound());
        return Mono.when(input, output).onErrorResume((ex) -> Mono.empty()).doFinally((signal) -> {
            this.sessions.remove(session);
            this.presence.unregister(session.userId(), session.id())
                .subscribe(null,
                        (ex) -> logger.debug(
                                "Presence entry of a closed session stays until its node's heartbeat ends: {}",
                                ex.toString()));
        });
    }

}
