package dev.switchboard.gateway.session;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.switchboard.model.frame.ServerFrame;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One client connection. Frames for the client wait in a small unbounded-by-type but
 * bounded-by-count queue until Netty can write them: a client that falls more than
 * {@code maxQueued} frames behind is closed as a slow consumer (its messages stay in
 * history for the next sync), so memory never grows without bound. Every frame the client
 * sends (text, binary, ping or pong) is admitted by a token bucket first.
 */
public final class ClientSession {

    // A frame that stands for a WebSocket ping in the outbound queue (compared by
    // identity).
    private static final String PING = new String("ping");

    // Ends the outbound stream where it stands in the queue (compared by identity).
    private static final String CLOSE = new String("close");

    private static final CompletableFuture<?> NO_SENDS = CompletableFuture.completedFuture(null);

    // How long a close waits for the frames queued before it, at most.
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String id;

    private final SessionPrincipal principal;

    private final WebSocketSession webSocket;

    // Unsafe sinks are not thread-safe: emissions synchronize on this session. Text
    // frames are Strings; PING, CLOSE and Pong stand for the others.
    private final Sinks.Many<Object> outbound = Sinks.unsafe()
        .many()
        .unicast()
        .onBackpressureBuffer(Queues.<Object>unboundedMultiproducer().get());

    private final AtomicInteger queued = new AtomicInteger();

    private final AtomicBoolean closing = new AtomicBoolean();

    private final int maxQueued;

    private final int framesPerSecond;

    private final int frameBurst;

    private final Runnable onSlowConsumer;

    // The STOMP side of a /stomp session; null for /messaging.
    private final StompWire stomp;

    private volatile CloseStatus closeWhenWritten;

    // The client's sends, in order: each is handed to Kafka only after the one before it
    // (whose recipient check may take a round trip). Touched only by the inbound thread.
    private CompletableFuture<?> sends = NO_SENDS;

    // The messages of this session's sends that Kafka has not answered yet; created with
    // the first send (an idle session has none). Added to by the inbound thread, removed
    // from by Kafka's callbacks.
    private Set<MessageId> inFlight;

    private volatile long lastSeenNanos = System.nanoTime();

    // Touched only by the thread that reads the session's inbound frames, one at a time.
    private double tokens;

    private long refilledAtNanos = System.nanoTime();

    private boolean refusing;

    ClientSession(String id, SessionPrincipal principal, WebSocketSession webSocket, int maxQueued, int framesPerSecond,
            int frameBurst, Runnable onSlowConsumer) {
        this(id, principal, webSocket, maxQueued, framesPerSecond, frameBurst, onSlowConsumer, null);
    }

    ClientSession(String id, SessionPrincipal principal, WebSocketSession webSocket, int maxQueued, int framesPerSecond,
            int frameBurst, Runnable onSlowConsumer, StompWire stomp) {
        this.stomp = stomp;
        this.id = id;
        this.principal = principal;
        this.webSocket = webSocket;
        this.maxQueued = maxQueued;
        this.framesPerSecond = framesPerSecond;
        this.frameBurst = frameBurst;
        this.onSlowConsumer = onSlowConsumer;
        this.tokens = frameBurst;
    }

    /**
     * The session's id, unique among the user's sessions.
     * @return the id
     */
    public String id() {
        return this.id;
    }

    /**
     * The session's user.
     * @return the user
     */
    public UserId userId() {
        return this.principal.userId();
    }

    /**
     * Who opened the session, and how.
     * @return the principal
     */
    public SessionPrincipal principal() {
        return this.principal;
    }

    /**
     * Whether the client reads the seed's delivery format.
     * @return true for a seed client
     */
    public boolean isSeed() {
        return this.principal.seed();
    }

    /**
     * Queues a text frame for the client.
     * @param frame the JSON text
     * @return false if the session is closing or was just closed as too slow
     */
    public boolean send(String frame) {
        return enqueue(frame);
    }

    private boolean enqueue(Object frame) {
        if (this.closing.get()) {
            return false;
        }
        if (this.queued.incrementAndGet() > this.maxQueued) {
            this.queued.decrementAndGet();
            if (close(CloseCodes.SLOW_CONSUMER)) {
                this.onSlowConsumer.run();
            }
            return false;
        }
        Sinks.EmitResult result;
        synchronized (this) {
            result = this.outbound.tryEmitNext(frame);
        }
        if (result.isFailure()) {
            this.queued.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Queues a ping.
     */
    void ping() {
        // A STOMP client sees heart-beats, not WebSocket pings (a browser answers those
        // without telling the page).
        enqueue((this.stomp != null) ? StompCodec.HEART_BEAT : PING);
    }

    /**
     * The STOMP side of the session.
     * @return it, or {@code null} for a {@code /messaging} session
     */
    StompWire stomp() {
        return this.stomp;
    }

    /**
     * What the client gets for a server frame: its JSON as {@code /messaging} writes it,
     * or, on {@code /stomp}, what the session's subscriptions and receipts make of it.
     * @param frame the frame
     * @param json the frame's JSON
     * @return the text to queue, or {@code null} for nothing
     */
    public String written(ServerFrame frame, String json) {
        return (this.stomp != null) ? this.stomp.write(frame, json) : json;
    }

    /**
     * Queues the answer to a client's ping.
     * @param payload the ping's payload, which the pong carries back
     */
    void pong(byte[] payload) {
        enqueue(new Pong(payload));
    }

    /**
     * Marks a message as handed to Kafka by this session. A client that resends before
     * the answer to its first copy (a timer that fired while the broker was slow) sends
     * the same message again: that copy is not produced again, and the answer to the
     * first one answers both.
     * @param message the message
     * @return false if the message is in flight already
     */
    boolean startSend(MessageId message) {
        if (this.inFlight == null) {
            this.inFlight = ConcurrentHashMap.newKeySet();
        }
        return this.inFlight.add(message);
    }

    /**
     * The answer to a message marked by {@link #startSend(MessageId)} was sent.
     * @param message the message
     */
    void endSend(MessageId message) {
        this.inFlight.remove(message);
    }

    /**
     * Runs a step of a {@code send} after the steps of the sends before it.
     * @param <T> what the step makes
     * @param step the step
     * @return completes when the step did
     */
    <T> CompletableFuture<T> afterEarlierSends(Supplier<CompletableFuture<T>> step) {
        CompletableFuture<T> next = this.sends.handle((ignored, failure) -> null).thenCompose((ignored) -> step.get());
        this.sends = next;
        return next;
    }

    /**
     * The frames for Netty to write, in order.
     * @return the frames
     */
    Flux<WebSocketMessage> outbound() {
        return this.outbound.asFlux().takeWhile((frame) -> frame != CLOSE).map((frame) -> {
            this.queued.decrementAndGet();
            if (frame == PING) {
                return this.webSocket.pingMessage((factory) -> factory.allocateBuffer(0));
            }
            if (frame instanceof Pong pong) {
                return this.webSocket.pongMessage((factory) -> factory.wrap(pong.payload()));
            }
            return this.webSocket.textMessage((String) frame);
        });
    }

    /**
     * Ends the outbound stream once the connection is gone.
     */
    void completeOutbound() {
        synchronized (this) {
            this.outbound.tryEmitComplete();
        }
    }

    /**
     * Closes the session with a status, once.
     * @param status the close status
     * @return true if this call closed it
     */
    public boolean close(CloseStatus status) {
        if (!this.closing.compareAndSet(false, true)) {
            return false;
        }
        this.webSocket.close(status).subscribe(null, (ex) -> {
        });
        return true;
    }

    /**
     * Closes the session with a status once, after the frames queued before it are
     * written (an error frame that explains the close reaches the client first), or after
     * a short grace if the client does not read them.
     * @param status the close status
     */
    void closeAfterQueued(CloseStatus status) {
        if (!this.closing.compareAndSet(false, true)) {
            return;
        }
        this.closeWhenWritten = status;
        boolean queued;
        synchronized (this) {
            queued = this.outbound.tryEmitNext(CLOSE).isSuccess();
        }
        Mono<Void> close = this.webSocket.close(status).onErrorResume((ex) -> Mono.empty());
        (queued ? Mono.delay(CLOSE_GRACE).then(close) : close).subscribe();
    }

    /**
     * The close that {@link #closeAfterQueued(CloseStatus)} left for when the outbound
     * stream has been written.
     * @return closes the connection, or nothing if no such close is pending
     */
    Mono<Void> closeIfQueued() {
        CloseStatus status = this.closeWhenWritten;
        return (status != null) ? this.webSocket.close(status).onErrorResume((ex) -> Mono.empty()) : Mono.empty();
    }

    void seen(long nanos) {
        this.lastSeenNanos = nanos;
    }

    long lastSeenNanos() {
        return this.lastSeenNanos;
    }

    /**
     * Spends a token of the session's frame budget. The budget refills at
     * {@code framesPerSecond} up to {@code frameBurst}; a frame over budget is refused,
     * and a client that goes {@code frameBurst} frames further is cut off.
     * @param nowNanos when the frame arrived ({@link System#nanoTime()})
     * @return what to do with the frame
     */
    Admission admit(long nowNanos) {
        double refill = (nowNanos - this.refilledAtNanos) / 1e9 * this.framesPerSecond;
        this.refilledAtNanos = nowNanos;
        this.tokens = Math.min(this.frameBurst, this.tokens + refill);
        this.tokens -= 1;
        if (this.tokens >= 0) {
            this.refusing = false;
            return Admission.ADMIT;
        }
        if (this.tokens < -this.frameBurst) {
            return Admission.DISCONNECT;
        }
        // One error per run of refused frames: a flooding client would otherwise fill its
        // own outbound queue with errors.
        if (this.refusing) {
            return Admission.DROP;
        }
        this.refusing = true;
        return Admission.REFUSE;
    }

    private record Pong(byte[] payload) {
    }

    /**
     * What becomes of an inbound frame under the frame budget.
     */
    enum Admission {

        /** Handle it. */
        ADMIT,

        /** Drop it and tell the client. */
        REFUSE,

        /** Drop it silently (the client was told already). */
        DROP,

        /** Close the session. */
        DISCONNECT

    }

}
