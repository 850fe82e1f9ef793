package dev.switchboard.gateway.session;

import java.util.Map;

import dev.switchboard.authclient.AuthUnavailableException;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.BearerToken;
import dev.switchboard.authclient.TokenVerifier;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayMetrics.Handshake;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.edge.AllowedOrigins;
import dev.switchboard.gateway.edge.ProblemResponses;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * Authenticates a WebSocket handshake before the upgrade: a disallowed Origin gets 403,
 * missing or invalid credentials 401, a user at the session cap 429, and a node that
 * cannot take sessions right now 503. Credentials, in order of preference: an
 * {@code Authorization: Bearer} header (native clients), a one-time {@code ?ticket=}
 * (browsers), or the seed design's {@code ?accessToken=} (if allowed). The query string
 * is never logged.
 */
class AuthenticatingHandshakeService extends HandshakeWebSocketService {

    private final TokenVerifier verifier;

    private final dev.switchboard.gateway.presence.PresenceRegistry presence;

    private final AllowedOrigins origins;

    private final SessionGate gate;

    private final GatewayMetrics metrics;

    private final GatewayProperties.WebSocket properties;

    private final MessagingWebSocketHandler sessions;

    AuthenticatingHandshakeService(RequestUpgradeStrategy upgradeStrategy, MessagingWebSocketHandler sessions,
            TokenVerifier verifier, dev.switchboard.gateway.presence.PresenceRegistry presence, AllowedOrigins origins,
            SessionGate gate, GatewayMetrics metrics, GatewayProperties properties) {
        super(upgradeStrategy);
        this.sessions = sessions;
        this.verifier = verifier;
        this.presence = presence;
        this.origins = origins;
        this.gate = gate;
        this.metrics = metrics;
        this.properties = properties.websocket();
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !this.origins.allows(origin)) {
            this.metrics.handshake(Handshake.FORBIDDEN_ORIGIN);
            return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden-origin",
                    "This origin may not open the WebSocket.", Map.of());
        }
        if (!this.gate.isOpen()) {
            this.metrics.handshake(Handshake.UNAVAILABLE);
            return ProblemResponses.unavailable(exchange, "This node does not take sessions right now.");
        }
        Mono<AuthenticatedUser> authenticated;
        boolean seed = false;
        MultiValueMap<String, String> query = request.getQueryParams();
        String bearer = BearerToken.fromHeader(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (bearer != null) {
            authenticated = this.verifier.verify(bearer);
        }
        else if (query.getFirst("ticket") != null) {
            authenticated = this.verifier.redeemTicket(query.getFirst("ticket"));
        }
        else if (this.properties.allowQueryToken() && query.getFirst("accessToken") != null) {
            authenticated = this.verifier.verify(query.getFirst("accessToken"));
            seed = true;
        }
        else {
            this.metrics.handshake(Handshake.UNAUTHORIZED);
            return ProblemResponses.unauthorized(exchange,
                    "Authenticate with an Authorization: Bearer header or a one-time ticket.");
        }
        boolean seedClient = seed;
        return authenticated.flatMap((user) -> this.presence.sessionCount(user.userId()).flatMap((count) -> {
            if (count >= this.properties.maxSessionsPerUser()) {
                this.metrics.handshake(Handshake.TOO_MANY_SESSIONS);
                return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-sessions",
                        "This user holds the most sessions allowed (" + this.properties.maxSessionsPerUser()
                                + "). Close one first.",
                        Map.of(HttpHeaders.RETRY_AFTER, "30"));
            }
            this.metrics.handshake(Handshake.ACCEPTED);
            SessionPrincipal principal = new SessionPrincipal(user.userId(), user.tokenId(), user.expiresAt(),
                    seedClient);
            // The principal travels with this connection's handler, not in a shared
            // session store.
            return super.handleRequest(exchange, (webSocket) -> this.sessions.handle(webSocket, principal));
        })).switchIfEmpty(Mono.defer(() -> {
            this.metrics.handshake(Handshake.UNAUTHORIZED);
            return ProblemResponses.unauthorized(exchange, "The token or ticket is not valid.");
        })).onErrorResume(AuthUnavailableException.class, (ex) -> {
            this.metrics.handshake(Handshake.UNAVAILABLE);
            return ProblemResponses.unavailable(exchange, "Tokens cannot be checked right now.");
        }).onErrorResume(org.springframework.dao.DataAccessException.class, (ex) -> {
            this.metrics.handshake(Handshake.UNAVAILABLE);
            return ProblemResponses.unavailable(exchange, "Presence is unavailable right now.");
        });
    }

}
