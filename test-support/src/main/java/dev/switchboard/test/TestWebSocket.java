package dev.switchboard.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.switchboard.model.json.SwitchboardJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) for tests: it connects with the headers a client
 * would send, keeps every text frame it receives in order, and reports how the server
 * closed the connection.
 */
public final class TestWebSocket implements AutoCloseable {

    private static final JsonMapper JSON = SwitchboardJson.newMapper();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private final CompletableFuture<Closed> closed = new CompletableFuture<>();

    private final AtomicInteger pongs = new AtomicInteger();

    private final WebSocket webSocket;

    private TestWebSocket(URI uri, Map<String, String> headers) throws HandshakeRefused {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            this.webSocket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException handshake) {
                throw new HandshakeRefused(handshake.getResponse().statusCode(),
                        String.valueOf(handshake.getResponse().body()));
            }
            throw new IllegalStateException("Could not connect to " + uri.getPath(), ex.getCause());
        }
        catch (InterruptedException | TimeoutException ex) {
            throw new IllegalStateException("Could not connect to " + uri.getPath(), ex);
        }
    }

    /**
     * Connects.
     * @param uri the WebSocket URI
     * @param headers headers of the handshake (Authorization, Origin, ...)
     * @return the open connection
     * @throws HandshakeRefused if the server answered the handshake with an error status
     */
    public static TestWebSocket connect(URI uri, Map<String, String> headers) throws HandshakeRefused {
        return new TestWebSocket(uri, headers);
    }

    /**
     * Connects with a bearer token.
     * @param uri the WebSocket URI
     * @param token the token
     * @return the open connection
     */
    public static TestWebSocket connectWithToken(URI uri, String token) {
        try {
            return connect(uri, Map.of("Authorization", "Bearer " + token));
        }
        catch (HandshakeRefused ex) {
            throw new IllegalStateException("The handshake was refused with " + ex.status() + ": " + ex.body(), ex);
        }
    }

    /**
     * Sends a text frame.
     * @param text the frame
     */
    public void send(String text) {
        this.webSocket.sendText(text, true).join();
    }

    /**
     * Sends a frame written as JSON.
     * @param frame a record or map
     */
    public void sendJson(Object frame) {
        send(JSON.writeValueAsString(frame));
    }

    /**
     * Sends a binary frame.
     * @param bytes the payload
     */
    public void sendBinary(byte[] bytes) {
        this.webSocket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /**
     * Sends a ping; the server's pong is counted ({@link #pongs()}).
     * @param payload the ping's payload (at most 125 bytes)
     */
    public void sendPing(byte[] payload) {
        this.webSocket.sendPing(ByteBuffer.wrap(payload)).join();
    }

    /**
     * How many pongs the server sent.
     * @return the count
     */
    public int pongs() {
        return this.pongs.get();
    }

    /**
     * The next text frame as it came (a STOMP frame, say), skipping heart-beats (an
     * end-of-line alone).
     * @param timeout how long to wait
     * @return the text
     * @throws AssertionError if none arrived in time
     */
    public String nextText(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String text = this.received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (text == null) {
                    throw new AssertionError("No frame arrived within " + timeout);
                }
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * The next text frame.
     * @param timeout how long to wait
     * @return the frame, parsed
     * @throws AssertionError if none arrived in time
     */
    public JsonNode next(Duration timeout) {
        try {
            String text = this.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError("No frame arrived within " + timeout);
            }
            return JSON.readTree(text);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /**
     * The next frame of a type, skipping the others.
     * @param type the {@code type} property
     * @param timeout how long to wait
     * @return the frame
     */
    public JsonNode nextOfType(String type, Duration timeout) {
        return nextMatching((frame) -> type.equals(frame.path("type").asString()), timeout);
    }

    /**
     * The next frame that matches, skipping the others.
     * @param condition what the frame must satisfy
     * @param timeout how long to wait
     * @return the frame
     */
    public JsonNode nextMatching(Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching frame within " + timeout + "; skipped " + skipped);
            }
            JsonNode frame;
            try {
                frame = next(Duration.ofNanos(left));
            }
            catch (AssertionError ex) {
                throw new AssertionError("No matching frame within " + timeout + "; skipped " + skipped, ex);
            }
            if (condition.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
    }

    /**
     * Every frame that arrives within a time.
     * @param window how long to collect
     * @return the frames
     */
    public List<JsonNode> drain(Duration window) {
        List<JsonNode> frames = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String text = this.received.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000),
                        TimeUnit.MILLISECONDS);
                if (text != null) {
                    frames.add(JSON.readTree(text));
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return frames;
    }

    /**
     * Waits for the server to close the connection.
     * @param timeout how long to wait
     * @return the close status
     */
    public Closed awaitClose(Duration timeout) {
        try {
            return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException | ExecutionException | TimeoutException ex) {
            throw new AssertionError("The connection was not closed within " + timeout, ex);
        }
    }

    /**
     * Whether the server closed the connection.
     * @return true once closed
     */
    public boolean isClosed() {
        return this.closed.isDone();
    }

    @Override
    public void close() {
        if (!this.closed.isDone()) {
            try {
                this.webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            }
            catch (Exception ex) {
                this.webSocket.abort();
            }
        }
    }

    /**
     * Drops the connection without a close frame, as a crashed client would.
     */
    public void abort() {
        this.webSocket.abort();
    }

    /**
     * How the server closed the connection.
     *
     * @param code the close code (1006 if the connection dropped without one)
     * @param reason the reason
     */
    public record Closed(int code, String reason) {
    }

    /**
     * The server refused the handshake.
     */
    public static final class HandshakeRefused extends Exception {

        private final int status;

        private final String body;

        HandshakeRefused(int status, String body) {
            super("Handshake refused with " + status);
            this.status = status;
            this.body = body;
        }

        /**
         * The HTTP status of the refusal.
         * @return the status
         */
        public int status() {
            return this.status;
        }

        /**
         * The body of the refusal, if the JDK kept it.
         * @return the body
         */
        public String body() {
            return this.body;
        }

    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                TestWebSocket.this.received.add(this.partial.toString());
                this.partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            TestWebSocket.this.pongs.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            TestWebSocket.this.closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            TestWebSocket.this.closed.complete(new Closed(1006, String.valueOf(error)));
        }

    }

}
