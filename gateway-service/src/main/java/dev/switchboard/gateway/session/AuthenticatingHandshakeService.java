package dev.switchboard.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.socket.CloseStatus;
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
 * {@code ?ticket=} (browsers), or the seed design's {@code ?accessToken=} (if allowed);
 * at {@code /stomp} a connection without any of them may instead authenticate with the
 * {@code Authorization} header of its {@code CONNECT} frame, checked once in the same
 * way. The session cap is checked and the session registered in one step in Redis, so
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

    private final StompCodec connectCodec = new StompCodec();

    // /stomp connections upgraded without credentials that have not sent CONNECT yet
    private final AtomicInteger awaitingConnect = new AtomicInteger();

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
        boolean stomp = handler instanceof StompEndpoint;
        Credentials credentials = credentials(request);
        if (credentials == null && stomp) {
            // Each such connection holds a socket until its CONNECT (or connect-timeout):
            // a node keeps a bounded number of them.
            if (this.awaitingConnect.incrementAndGet() > this.properties.maxAwaitingConnect()) {
                this.awaitingConnect.decrementAndGet();
                this.metrics.handshake(Handshake.UNAVAILABLE);
                return ProblemResponses.unavailable(exchange, "Too many connections wait to authenticate here.");
            }
            AtomicBoolean counted = new AtomicBoolean(true);
            Runnable done = () -> {
                if (counted.getAndSet(false)) {
                    this.awaitingConnect.decrementAndGet();
                }
            };
            Upgraded pending = authenticatingOnConnect(done);
            return upgrade(exchange, pending).doFinally((signal) -> {
                if (!pending.isOpened()) {
                    // the upgrade failed
                    done.run();
                }
            });
        }
        if (credentials == null) {
            this.metrics.handshake(Handshake.UNAUTHORIZED);
            return ProblemResponses.unauthorized(exchange,
                    "Authenticate with an Authorization: Bearer header or a one-time ticket.");
        }
        // The outcome is known before the upgrade: the upgraded session's own stream
        // completes empty too, and must not count as "not authenticated".
        return admit(credentials.authenticated()).flatMap((admission) -> {
            if (admission instanceof Admission.Refused refused) {
                return refused.write(exchange);
            }
            Admission.Admitted admitted = (Admission.Admitted) admission;
            SessionPrincipal principal = admitted.principal(credentials.seed());
            Upgraded session = new Upgraded(stomp) {

                @Override
                public Mono<Void> handle(WebSocketSession webSocket) {
                    opened();
                    return AuthenticatingHandshakeService.this.sessions.handle(webSocket, principal,
                            admitted.sessionId(), stomp);
                }

            };
            return upgrade(exchange, session).doFinally((signal) -> {
                if (!session.isOpened()) {
                    // The upgrade failed: the session never existed.
                    this.presence.unregister(principal.userId(), admitted.sessionId())
                        .subscribe(null,
                                (ex) -> logger.debug("Could not unregister a failed handshake: {}", ex.toString()));
                }
            });
        });
    }

    /**
     * Checks credentials and registers the session: one outcome, counted once.
     */
    private Mono<Admission> admit(Mono<AuthenticatedUser> authenticated) {
        return authenticated.map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap((user) -> user.map(this::register).orElseGet(() -> Mono.just(Admission.NOT_AUTHENTICATED)))
            .onErrorResume(AuthUnavailableException.class, (ex) -> Mono.just(Admission.AUTH_UNAVAILABLE))
            .doOnNext((admission) -> this.metrics.handshake(admission.outcome()));
    }

    /**
     * Registers an authenticated session; the user's session cap is checked in the same
     * step.
     */
    private Mono<Admission> register(AuthenticatedUser user) {
        String sessionId = newSessionId();
        return this.presence.register(user.userId(), sessionId, this.properties.maxSessionsPerUser())
            .<Admission>map((registered) -> registered ? new Admission.Admitted(user, sessionId)
                    : new Admission.Refused(Handshake.TOO_MANY_SESSIONS, HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-sessions",
                            "This user holds the most sessions allowed (" + this.properties.maxSessionsPerUser()
                                    + "). Close one first.",
                            "30"))
            .onErrorResume(DataAccessException.class, (ex) -> Mono.just(Admission.PRESENCE_UNAVAILABLE));
    }

    private Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler) {
        return super.handleRequest(exchange, handler);
    }

    /**
     * A {@code /stomp} connection that brought no credentials to the handshake: its first
     * frame must be a {@code CONNECT} with an {@code Authorization: Bearer} header,
     * within {@code connect-timeout}. That header is checked once, as a handshake's would
     * be; afterwards the session is the same as any other, and the {@code CONNECT} is
     * answered by it. Anything else gets an {@code ERROR} frame and the connection is
     * closed.
     */
    private Upgraded authenticatingOnConnect(Runnable authenticating) {
        MessagingWebSocketHandler handler = this.sessions;
        return new Upgraded(true) {

            @Override
            public Mono<Void> handle(WebSocketSession webSocket) {
                opened();
                StompWire wire = handler.stompWire();
                Disposable timeout = Mono.delay(AuthenticatingHandshakeService.this.properties.connectTimeout())
                    .flatMap((tick) -> {
                        AuthenticatingHandshakeService.this.metrics.handshake(Handshake.UNAUTHORIZED);
                        return refuse(webSocket, wire, Admission.NO_CONNECT_IN_TIME);
                    })
                    .subscribe();
                return webSocket.receive().switchOnFirst((first, messages) -> {
                    timeout.dispose();
                    authenticating.run();
                    if (!first.hasValue()) {
                        return Mono.<Void>empty();
                    }
                    // the message's buffer is released once this returns: read it now
                    String connect = first.get().getPayloadAsText();
                    String token = connectToken(connect);
                    if (token == null) {
                        AuthenticatingHandshakeService.this.metrics.handshake(Handshake.UNAUTHORIZED);
                        return refuse(webSocket, wire, Admission.NO_CONNECT_CREDENTIALS);
                    }
                    return admit(AuthenticatingHandshakeService.this.verifier.verify(token)).flatMap((admission) -> {
                        if (admission instanceof Admission.Refused refused) {
                            return refuse(webSocket, wire, refused);
                        }
                        Admission.Admitted admitted = (Admission.Admitted) admission;
                        return handler.handle(webSocket, admitted.principal(false), admitted.sessionId(), true,
                                messages.skip(1).startWith(webSocket.textMessage(connect)));
                    });
                }).then().doFinally((signal) -> {
                    timeout.dispose();
                    authenticating.run();
                });
            }

        };
    }

    private static Mono<Void> refuse(WebSocketSession webSocket, StompWire wire, Admission.Refused refused) {
        return webSocket.send(Mono.just(webSocket.textMessage(wire.refusal(refused.type(), refused.detail()))))
            .then(webSocket.close(refused.closeStatus()))
            .onErrorResume((ex) -> Mono.empty());
    }

    /**
     * The bearer token of a {@code CONNECT} (or {@code STOMP}) frame.
     * @param text the first frame
     * @return the token, or {@code null} if it is not such a frame or has none
     */
    private String connectToken(String text) {
        StompCodec.Frame frame;
        try {
            frame = this.connectCodec.decode(text);
        }
        catch (FrameException ex) {
            return null;
        }
        if (frame == null || (frame.command() != StompCommand.CONNECT && frame.command() != StompCommand.STOMP)) {
            return null;
        }
        String header = frame.header(HttpHeaders.AUTHORIZATION);
        return BearerToken.fromHeader((header != null) ? header : frame.header("authorization"));
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
     * How a handshake authenticates.
     *
     * @param authenticated the user, empty if the credentials are not valid
     * @param seed whether the client connected the seed design's way
     */
    private record Credentials(Mono<AuthenticatedUser> authenticated, boolean seed) {
    }

    /**
     * A handler for one upgrade: names the subprotocols stomp.js asks for (a browser
     * refuses an upgrade that names none of them) and knows whether the upgrade happened.
     * The principal travels with this connection's handler, not in a shared session
     * store.
     */
    private abstract static class Upgraded implements WebSocketHandler {

        private final boolean stomp;

        private final AtomicBoolean opened = new AtomicBoolean();

        Upgraded(boolean stomp) {
            this.stomp = stomp;
        }

        @Override
        public List<String> getSubProtocols() {
            return this.stomp ? StompEndpoint.SUB_PROTOCOLS : List.of();
        }

        final void opened() {
            this.opened.set(true);
        }

        final boolean isOpened() {
            return this.opened.get();
        }

    }

    /**
     * Whether a session may open: checked credentials, and the session registered under
     * the user's cap, or why not.
     */
    private sealed interface Admission {

        Refused NOT_AUTHENTICATED = new Refused(Handshake.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, "unauthorized",
                "The token or ticket is not valid.", null);

        Refused NO_CONNECT_CREDENTIALS = new Refused(Handshake.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Authenticate with a ticket, an Authorization header on the handshake, "
                        + "or an Authorization: Bearer header on CONNECT.",
                null);

        Refused NO_CONNECT_IN_TIME = new Refused(Handshake.UNAUTHORIZED, HttpStatus.UNAUTHORIZED, "unauthorized",
                "No CONNECT frame came in time.", null);

        Refused AUTH_UNAVAILABLE = new Refused(Handshake.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable", "Tokens cannot be checked right now.", "5");

        Refused PRESENCE_UNAVAILABLE = new Refused(Handshake.UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable", "Presence is unavailable right now.", "5");

        Handshake outcome();

        /**
         * Admitted: the session is registered.
         *
         * @param user who
         * @param sessionId the registered session's id
         */
        record Admitted(AuthenticatedUser user, String sessionId) implements Admission {

            @Override
            public Handshake outcome() {
                return Handshake.ACCEPTED;
            }

            SessionPrincipal principal(boolean seed) {
                return new SessionPrincipal(this.user.userId(), this.user.tokenId(), this.user.expiresAt(), seed);
            }

        }

        /**
         * Refused.
         *
         * @param outcome how it is counted
         * @param status the handshake's answer
         * @param type the problem type (and the {@code ERROR} frame's reason)
         * @param detail what the client should do
         * @param retryAfter seconds for {@code Retry-After}, or {@code null}
         */
        record Refused(Handshake outcome, HttpStatus status, String type, String detail,
                String retryAfter) implements Admission {

            Mono<Void> write(ServerWebExchange exchange) {
                Map<String, String> headers = new HashMap<>();
                if (this.retryAfter != null) {
                    headers.put(HttpHeaders.RETRY_AFTER, this.retryAfter);
                }
                if (this.status == HttpStatus.UNAUTHORIZED) {
                    headers.put(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                }
                return ProblemResponses.write(exchange, this.status, this.type, this.detail, headers);
            }

            CloseStatus closeStatus() {
                return switch (this.status) {
                    case SERVICE_UNAVAILABLE -> CloseCodes.TRY_AGAIN_LATER;
                    case TOO_MANY_REQUESTS -> CloseCodes.TOO_MANY_SESSIONS;
                    default -> CloseCodes.NOT_AUTHENTICATED;
                };
            }

        }

    }

}
