package dev.switchboard.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.MessageSent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of a gateway node.
 *
 * @param nodeId this node's id, unique among live nodes; its delivery topic is
 * {@code gateway.<nodeId>}. Prefer a stable id (a StatefulSet pod name): a random one
 * leaves a topic behind at every restart
 * @param authUri where auth-service answers
 * @param historyUri where history-service answers
 * @param allowedOrigins browser origins (patterns such as {@code https://*.example.com}
 * or {@code http://localhost:[*]}) allowed to call the REST API and open the WebSocket;
 * clients without an Origin header (native apps) are not affected
 * @param authRateLimit the first-line limit on {@code /api/auth/**} per client address
 * (auth-service keeps its own limits)
 * @param websocket the WebSocket endpoint
 * @param presence the presence registry
 * @param sendQueueCapacity frames waiting for the Kafka producer before new ones are
 * refused with {@code send_failed}
 * @param trustedProxyHops how many proxies in front of the gateway append the address
 * they saw to {@code X-Forwarded-For} (a Kubernetes ingress controller: 1). The client's
 * address, for per-address limits and for the services behind, is the entry that many
 * places from the right; with 0 (the default) it is the TCP peer and
 * {@code X-Forwarded-For} is not read. A value higher than the real number of proxies
 * lets clients choose their address
 * @param revocationLookback how far back, from its start, a node reads token revocations:
 * a logout that happens while the node starts still closes the sessions its token opens
 */
@Validated
@ConfigurationProperties("switchboard.gateway")
public record GatewayProperties(@NotNull String nodeId, @DefaultValue("http://localhost:8081") @NotNull URI authUri,
        @DefaultValue("http://localhost:8083") @NotNull URI historyUri, @DefaultValue( {
                "http://localhost:[*]", "http://127.0.0.1:[*]" }) @NotEmpty List<String> allowedOrigins,
        @DefaultValue @Valid AuthRateLimit authRateLimit, @DefaultValue @Valid WebSocket websocket,
        @DefaultValue @Valid Presence presence, @DefaultValue("10000") @Min(1) int sendQueueCapacity,
        @DefaultValue("0") @Min(0) @Max(10) int trustedProxyHops,
        @DefaultValue("1m") @NotNull Duration revocationLookback){

    public GatewayProperties {
        Topics.validNodeId(nodeId);
    }

    /**
     * The first-line rate limit of the auth routes (Spring Cloud Gateway's Redis
     * limiter).
     *
     * @param replenishRate requests per second a client address may make on average
     * @param burstCapacity requests it may make at once
     */
    public record AuthRateLimit(@DefaultValue("5") @Min(1) int replenishRate,
            @DefaultValue("20") @Min(1) int burstCapacity) {
    }

    /**
     * The WebSocket endpoint {@code /messaging}.
     *
     * @param allowQueryToken whether the seed's {@code ?accessToken=} handshake is
     * accepted (the token is never logged)
     * @param maxFrameSize the hard limit of a frame: a larger one closes the session
     * (1009)
     * @param maxBodySize the largest message body in UTF-8 bytes; a larger one gets
     * {@code body_too_large}
     * @param maxSessionsPerUser sessions one user may hold across all nodes
     * @param framesPerSecond frames a session may send per second on average
     * @param frameBurst frames a session may send at once; a session that keeps sending
     * after this many are refused is closed (1008)
     * @param maxQueuedFrames frames that may wait for a slow client; past it the session
     * is closed (1013) and the client syncs when it reconnects
     * @param pingInterval how often the server pings every session
     * @param idleTimeout how long a session may stay silent (not even a pong) before it
     * is closed as dead
     * @param writeTimeout how long a write to a client may take before its connection is
     * cut
     * @param connectTimeout how long a {@code /stomp} connection that brought no
     * credentials to the handshake has to send a {@code CONNECT} frame with an
     * {@code Authorization} header before it is closed (1008)
     * @param maxAwaitingConnect how many such connections a node holds at once; past it,
     * a handshake without credentials gets 503
     */
    public record WebSocket(@DefaultValue("true") boolean allowQueryToken,
            @DefaultValue("64KB") @NotNull DataSize maxFrameSize, @DefaultValue("4KB") @NotNull DataSize maxBodySize,
            @DefaultValue("10") @Min(1) @Max(1000) int maxSessionsPerUser,
            @DefaultValue("20") @Min(1) int framesPerSecond, @DefaultValue("40") @Min(1) int frameBurst,
            @DefaultValue("1000") @Min(1) int maxQueuedFrames, @DefaultValue("25s") @NotNull Duration pingInterval,
            @DefaultValue("70s") @NotNull Duration idleTimeout, @DefaultValue("10s") @NotNull Duration writeTimeout,
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("1000") @Min(1) int maxAwaitingConnect) {

        public WebSocket {
            if (maxBodySize != null && maxBodySize.toBytes() > MessageSent.MAX_BODY_BYTES) {
                throw new IllegalArgumentException("max-body-size is at most " + MessageSent.MAX_BODY_BYTES + " bytes");
            }
            if (maxFrameSize != null && maxBodySize != null && maxFrameSize.compareTo(maxBodySize) < 0) {
                throw new IllegalArgumentException("max-frame-size must be at least max-body-size");
            }
        }

    }

    /**
     * The presence registry in Redis.
     *
     * @param heartbeatInterval how often the node renews its heartbeat
     * @param nodeTtl how long a heartbeat vouches for the node: a node that misses
     * heartbeats for this long counts as dead, and its sessions as gone
     * @param sweepInterval how often a node removes the entries of dead nodes
     */
    public record Presence(@DefaultValue("5s") @NotNull Duration heartbeatInterval,
            @DefaultValue("15s") @NotNull Duration nodeTtl, @DefaultValue("30s") @NotNull Duration sweepInterval) {
    }

}
