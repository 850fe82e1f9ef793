package dev.switchboard.gateway.session;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * {@code /stomp}: STOMP 1.2 over WebSocket for browser clients (stomp.js), on the same
 * session machinery as {@code /messaging} ({@link MessagingWebSocketHandler}, with a
 * {@link StompWire} for the frames). The handshake authenticates it exactly as it does
 * {@code /messaging}; this handler only names the endpoint and its subprotocols.
 */
@Component
class StompEndpoint implements WebSocketHandler {

    /** The subprotocols stomp.js asks for; the handshake picks one of them. */
    static final List<String> SUB_PROTOCOLS = List.of("v12.stomp", "v11.stomp", "v10.stomp");

    @Override
    public List<String> getSubProtocols() {
        return SUB_PROTOCOLS;
    }

    @Override
    public Mono<Void> handle(WebSocketSession webSocket) {
        // Reached only through AuthenticatingHandshakeService, which runs the session.
        return webSocket.close(CloseStatus.POLICY_VIOLATION);
    }

}
