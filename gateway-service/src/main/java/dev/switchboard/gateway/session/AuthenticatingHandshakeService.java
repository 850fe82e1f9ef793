package dev.switchboard.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.switchboard.authclient.AuthUnavailableException;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.BearerToken;
import dev.switchboard.authclient.TokenVerifier;
import dev.switchboard.gateway.GatewayMetrics;
import dev.switchboard.gateway.GatewayMetrics.Handshake;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.edge.AllowedOrigins;
import dev.switchboard.gateway.edge.ProblemResponses;
import dev.switchboard.gateway.presence.PresenceRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * Authenticates a WebSocket handshake and registers its session before the upgrade: a
 * disallowed Origin gets 403, missing or invalid credentials 401, a user at the session
 * cap 429, and a node that cannot take sessions right now 503. Credentials, in order of
 * preference: an {@code Authorization: Bearer} header (native clients), a one-time
 * {@code ?ticket=} (browsers), or the seed design's {@code ?accessToken=} (if allowed).
 * The session cap is checked and the session registered in one step in Redis, so
 * concurrent handshakes of one user cannot pass it together; a handshake that fails after
 * that leaves the registry again. No log line holds the query string (the shared log
 * encoder takes credentials out of whatever a library logs).
 */
class AuthenticatingHandshakeService extends HandshakeWebSocketService {

    private static final Logger logger = LoggerFactory.getLogger(AuthenticatingHandshakeService.class);

    private static final Base64.Encoder IDS = Base64.getUrlEncoder().withoutPadding();

    private final TokenVerifier verifier;

    private final PresenceRegistry presence;

    private final AllowedOrigins origins;

    private final SessionGate gate;

    private final GatewayMetrics metrics;

    private final GatewayProperties.WebSocket properties;

    private final MessagingWebSocketHandler sessions;

    private final SecureRandom random = new SecureRandom();

    AuthenticatingHandshakeService(RequestUpgradeStrategy upgradeStrategy, MessagingWebSocketHandler sessions,
            TokenVerifier verifier, PresenceRegistry presence, AllowedOrigins origins, SessionGate gate,
            GatewayMetrics metrics, GatewayProperties properties) {
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
        Credentials credentials = credentials(request);
        if (credentials == null) {
            this.metrics.handshake(Handshake.UNAUTHORIZED);
            return ProblemResponses.unauthorized(exchange,
                    "Authenticate with an Authorization: Bearer header or a one-time ticket.");
        }
        // The outcomes are told apart before the upgrade: the upgraded session's own
        // stream completes empty too, and must not count as "not authenticated".
        return credentials.authenticated()
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .onErrorMap(AuthUnavailableException.class, (ex) -> new AuthCheckFailed())
            .flatMap((user) -> user
                .map((authenticated) -> register(exchange, authenticated, credentials.seed(),
                        handler instanceof StompEndpoint))
                .orElseGet(() -> {
                    this.metrics.handshake(Handshake.UNAUTHORIZED);
                    return ProblemResponses.unauthorized(exchange, "The token or ticket is not valid.");
                }))
            .onErrorResume(AuthCheckFailed.class, (ex) -> {
                this.metrics.handshake(Handshake.UNAVAILABLE);
                return ProblemResponses.unavailable(exchange, "Tokens cannot be checked right now.");
            });
    }

    /**
     * Registers an authenticated session, then upgrades.
     */
    private Mono<Void> register(ServerWebExchange exchange, AuthenticatedUser user, boolean seed, boolean stomp) {
        String sessionId = newSessionId();
        return this.presence.register(user.userId(), sessionId, this.properties.maxSessionsPerUser())
            .map(Optional::of)
            .onErrorResume(DataAccessException.class, (ex) -> Mono.just(Optional.empty()))
            .flatMap((registered) -> {
                if (registered.isEmpty()) {
                    this.metrics.handshake(Handshake.UNAVAILABLE);
                    return ProblemResponses.unavailable(exchange, "Presence is unavailable right now.");
                }
                if (!registered.get()) {
                    this.metrics.handshake(Handshake.TOO_MANY_SESSIONS);
                    return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-sessions",
                            "This user holds the most sessions allowed (" + this.properties.maxSessionsPerUser()
                                    + "). Close one first.",
                            Map.of(HttpHeaders.RETRY_AFTER, "30"));
                }
                this.metrics.handshake(Handshake.ACCEPTED);
                return upgrade(exchange, user, seed, stomp, sessionId);
            });
    }

    private Mono<Void> upgrade(ServerWebExchange exchange, AuthenticatedUser user, boolean seed, boolean stomp,
            String sessionId) {
        SessionPrincipal principal = new SessionPrincipal(user.userId(), user.tokenId(), user.expiresAt(), seed);
        AtomicBoolean opened = new AtomicBoolean();
        // The principal travels with this connection's handler, not in a shared session
        // store.
        WebSocketHandler session = new WebSocketHandler() {

            @Override
            public List<String> getSubProtocols() {
                // what stomp.js asks for; a browser refuses an upgrade that names none
                return stomp ? StompEndpoint.SUB_PROTOCOLS : List.of();
            }

            @Override
            public Mono<Void> handle(WebSocketSession webSocket) {
                opened.set(true);
                return AuthenticatingHandshakeService.this.sessions.handle(webSocket, principal, sessionId, stomp);
            }

        };
        return super.handleRequest(exchange, session).doFinally((signal) -> {
            if (!opened.get()) {
                // The upgrade failed: the session never existed.
                this.presence.unregister(user.userId(), sessionId)
                    .subscribe(null,
                            (ex) -> logger.debug("Could not unregister a failed handshake: {}", ex.toString()));
            }
        });
    }

    private Credentials credentials(ServerHttpRequest request) {
        MultiValueMap<String, String> query = request.getQueryParams();
        String bearer = BearerToken.fromHeader(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (bearer != null) {
            return new Credentials(this.verifier.verify(bearer), false);
        }
        if (query.getFirst("ticket") != null) {
            return new Credentials(this.verifier.redeemTicket(query.getFirst("ticket")), false);
        }
        if (this.properties.allowQueryToken() && query.getFirst("accessToken") != null) {
            return new Credentials(this.verifier.verify(query.getFirst("accessToken")), true);
        }
        return null;
    }

    private String newSessionId() {
        byte[] bytes = new byte[9];
        this.random.nextBytes(bytes);
        return IDS.encodeToString(bytes);
    }

    /**
     * Tokens or tickets could not be checked (auth-service or Redis did not answer).
     */
    private static final class AuthCheckFailed extends RuntimeException {

        AuthCheckFailed() {
            super(null, null, false, false);
        }

    }

    /**
     * How a handshake authenticates.
     *
     * @param authenticated the user, empty if the credentials are not valid
     * @param seed whether the client connected the seed design's way
     */
    private record Credentials(Mono<AuthenticatedUser> authenticated, boolean seed) {
    }

}
