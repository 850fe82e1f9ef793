package dev.switchboard.system;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.switchboard.model.frame.ClientFrame;
import dev.switchboard.model.id.ConversationId;
import dev.switchboard.model.id.MessageId;
import dev.switchboard.model.id.UserId;
import dev.switchboard.test.HttpAnswer;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * A client as docs/protocol.md tells clients to behave, with a real WebSocket:
 * <ul>
 * <li>on every connect, wait for {@code ready}, then sync from the stored cursor, keeping
 * live messages aside meanwhile and adding them after the sync;</li>
 * <li>keep one message per message id, in the order first seen;</li>
 * <li>keep every sent message until {@code accepted}, and resend it under the same client
 * message id after a lost connection, an error, or a while without an answer;</li>
 * <li>optionally acknowledge every message it gets.</li>
 * </ul>
 * It also counts what happened on the wire (message frames, repeats), for the reports.
 */
final class ChatClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Duration RESEND_AFTER = Duration.ofSeconds(3);

    private final User user;

    private final boolean autoAck;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "chat-client-timer");
        thread.setDaemon(true);
        return thread;
    });

    private final Object lock = new Object();

    private final LinkedHashMap<String, JsonNode> messages = new LinkedHashMap<>();

    private final LinkedHashMap<String, Outgoing> pending = new LinkedHashMap<>();

    private final LinkedHashMap<String, String> accepted = new LinkedHashMap<>();

    private final List<JsonNode> receipts = new ArrayList<>();

    private final List<JsonNode> liveBuffer = new ArrayList<>();

    private final Map<String, Integer> errors = new TreeMap<>();

    private WebSocket socket;

    private CompletableFuture<JsonNode> ready;

    private CompletableFuture<Integer> closed;

    private boolean syncing;

    private String cursor;

    private int messageFrames;

    private int repeats;

    private int connects;

    ChatClient(User user, boolean autoAck) {
        this.user = user;
        this.autoAck = autoAck;
        this.timer.scheduleWithFixedDelay(this::resendStale, 500, 500, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects to a gateway node, waits for {@code ready}, syncs, and resends whatever is
     * still unaccepted.
     */
    void connect(int gateway) {
        synchronized (this.lock) {
            // Live messages wait aside from the first frame until the sync is done: one
            // that arrived between ready and the sync would otherwise come before older
            // ones that the sync brings.
            this.syncing = true;
        }
        CompletableFuture<JsonNode> ready = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder()
            .header("Authorization", "Bearer " + this.user.token())
            .connectTimeout(Duration.ofSeconds(10))
            .buildAsync(SystemStack.gatewayWebSocket(gateway, null), new Listener(ready, closed))
            .orTimeout(20, TimeUnit.SECONDS)
            .join();
        synchronized (this.lock) {
            this.socket = socket;
            this.ready = ready;
            this.closed = closed;
            this.connects++;
        }
        ready.orTimeout(20, TimeUnit.SECONDS).join();
        sync(gateway);
        List<String> toResend;
        synchronized (this.lock) {
            toResend = new ArrayList<>(this.pending.keySet());
        }
        toResend.forEach(this::transmit);
    }

    /**
     * Connects again, retrying every 500 ms while the handshake is refused or fails (a
     * client's back-off), for at most the given time.
     */
    void reconnect(int gateway, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            connect(gateway);
            return true;
        });
    }

    /**
     * Closes the connection normally and waits for it to end.
     */
    void disconnect() {
        WebSocket socket;
        CompletableFuture<Integer> closed;
        synchronized (this.lock) {
            socket = this.socket;
            closed = this.closed;
            this.socket = null;
        }
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                .orTimeout(10, TimeUnit.SECONDS)
                .exceptionally((ex) -> null);
            closed.completeOnTimeout(1000, 10, TimeUnit.SECONDS).join();
        }
    }

    /**
     * Drops the connection without a close frame.
     */
    void abort() {
        synchronized (this.lock) {
            if (this.socket != null) {
                this.socket.abort();
                this.socket = null;
            }
        }
    }

    /**
     * Waits until the server closes the connection (for example because its node died).
     * @return the close code
     */
    int awaitClosed(Duration timeout) {
        CompletableFuture<Integer> closed;
        synchronized (this.lock) {
            closed = this.closed;
        }
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /**
     * Sends a message (now, or at the next connect).
     * @return its client message id
     */
    String send(UserId to, String body) {
        String clientMessageId = UUID.randomUUID().toString();
        synchronized (this.lock) {
            this.pending.put(clientMessageId, new Outgoing(to, body));
        }
        transmit(clientMessageId);
        return clientMessageId;
    }

    /**
     * Sends a message under a given client message id, as a client resending after a
     * crash.
     */
    void sendAs(String clientMessageId, UserId to, String body) {
        synchronized (this.lock) {
            this.pending.put(clientMessageId, new Outgoing(to, body));
        }
        transmit(clientMessageId);
    }

    /**
     * Sends a frame as it is.
     */
    void sendRaw(String text) {
        WebSocket socket;
        synchronized (this.lock) {
            socket = this.socket;
        }
        if (socket != null) {
            socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    private void transmit(String clientMessageId) {
        WebSocket socket;
        Outgoing outgoing;
        synchronized (this.lock) {
            socket = this.socket;
            outgoing = this.pending.get(clientMessageId);
            if (outgoing == null || socket == null || !this.ready.isDone()) {
                return;
            }
            outgoing.sentAtNanos = System.nanoTime();
        }
        String frame = User.JSON.writeValueAsString(new ClientFrame.Send(clientMessageId, outgoing.to, outgoing.body));
        try {
            socket.sendText(frame, true).orTimeout(10, TimeUnit.SECONDS).join();
        }
        catch (RuntimeException ex) {
            // the connection is gone: the message stays pending for the next connect
        }
    }

    private void resendStale() {
        List<String> stale = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this.lock) {
            this.pending.forEach((clientMessageId, outgoing) -> {
                if (now - outgoing.sentAtNanos > RESEND_AFTER.toNanos()) {
                    stale.add(clientMessageId);
                }
            });
        }
        stale.forEach(this::transmit);
    }

    /**
     * Syncs from the stored cursor, page after page, retrying while history catches up
     * (503, for as long as a service may take to start), then adds the live messages kept
     * aside since {@link #connect(int)} began. It asks the gateway node the client is
     * connected to.
     */
    private void sync(int gateway) {
        try {
            boolean more = true;
            while (more) {
                String query = "/api/history/sync?limit=100" + ((this.cursor != null) ? "&after=" + this.cursor : "");
                HttpAnswer answer = await().atMost(SystemStack.stack().options().startTimeout())
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> this.user.get(gateway, query), (page) -> page.status() != 503);
                answer.expectStatus(200);
                synchronized (this.lock) {
                    for (JsonNode message : answer.body().get("messages")) {
                        keep(message);
                    }
                    answer.body().get("receipts").forEach(this.receipts::add);
                    this.cursor = answer.body().get("cursor").asString();
                }
                more = answer.body().get("hasMore").asBoolean();
            }
        }
        finally {
            synchronized (this.lock) {
                this.liveBuffer.forEach(this::keep);
                this.liveBuffer.clear();
                this.syncing = false;
            }
        }
    }

    private void keep(JsonNode message) {
        this.messageFrames++;
        String id = message.get("messageId").asString();
        if (this.messages.putIfAbsent(id, message) != null) {
            this.repeats++;
        }
    }

    private void onFrame(JsonNode frame, CompletableFuture<JsonNode> ready) {
        String type = frame.path("type").asString();
        ClientFrame.Ack ack = null;
        synchronized (this.lock) {
            switch (type) {
                case "ready" -> ready.complete(frame);
                case "accepted" -> {
                    String clientMessageId = frame.get("clientMessageId").asString();
                    this.pending.remove(clientMessageId);
                    this.accepted.putIfAbsent(clientMessageId, frame.get("messageId").asString());
                }
                case "message" -> {
                    if (this.syncing) {
                        this.liveBuffer.add(frame);
                    }
                    else {
                        keep(frame);
                    }
                    if (this.autoAck && !frame.get("from").asString().equals(this.user.id().toString())) {
                        ack = new ClientFrame.Ack(ConversationId.parse(frame.get("conversationId").asString()),
                                List.of(MessageId.parse(frame.get("messageId").asString())));
                    }
                }
                case "receipt" -> this.receipts.add(frame);
                case "error" -> {
                    this.errors.merge(frame.path("code").asString(), 1, Integer::sum);
                    Outgoing refused = this.pending.get(frame.path("clientMessageId").asString(""));
                    if (refused != null) {
                        // resent at the next tick, as a client does after send_failed
                        refused.sentAtNanos = System.nanoTime() - RESEND_AFTER.toNanos();
                    }
                }
                default -> {
                }
            }
        }
        if (ack != null) {
            try {
                sendRaw(User.JSON.writeValueAsString(ack));
            }
            catch (RuntimeException ex) {
                // acknowledgements are best effort
            }
        }
    }

    /**
     * Whether the current connection is open (connected, and not closed by either side).
     */
    boolean isConnected() {
        synchronized (this.lock) {
            return this.closed != null && !this.closed.isDone();
        }
    }

    /** Error frames received, counted by code. */
    Map<String, Integer> errors() {
        synchronized (this.lock) {
            return Map.copyOf(this.errors);
        }
    }

    /** The messages kept, in the order first seen. */
    List<JsonNode> messages() {
        synchronized (this.lock) {
            return List.copyOf(this.messages.values());
        }
    }

    /** The bodies of the messages kept from one conversation, in the order first seen. */
    List<String> bodiesFrom(UserId peer) {
        String conversation = ConversationId.direct(this.user.id(), peer).value();
        return messages().stream()
            .filter((message) -> message.get("conversationId").asString().equals(conversation))
            .map((message) -> message.get("body").asString())
            .toList();
    }

    /** Client message id to message id, in the order accepted. */
    Map<String, String> accepted() {
        synchronized (this.lock) {
            return new LinkedHashMap<>(this.accepted);
        }
    }

    int pendingCount() {
        synchronized (this.lock) {
            return this.pending.size();
        }
    }

    List<JsonNode> receipts() {
        synchronized (this.lock) {
            return List.copyOf(this.receipts);
        }
    }

    int messageFrames() {
        synchronized (this.lock) {
            return this.messageFrames;
        }
    }

    int repeats() {
        synchronized (this.lock) {
            return this.repeats;
        }
    }

    int connects() {
        synchronized (this.lock) {
            return this.connects;
        }
    }

    @Override
    public void close() {
        this.timer.shutdownNow();
        disconnect();
    }

    /**
     * Paces a sending thread. Outcomes are awaited with Awaitility, never with this.
     */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Outgoing {

        final UserId to;

        final String body;

        long sentAtNanos;

        Outgoing(UserId to, String body) {
            this.to = to;
            this.body = body;
        }

    }

    private final class Listener implements WebSocket.Listener {

        private final CompletableFuture<JsonNode> ready;

        private final CompletableFuture<Integer> closed;

        private final StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<JsonNode> ready, CompletableFuture<Integer> closed) {
            this.ready = ready;
            this.closed = closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            this.partial.append(data);
            if (last) {
                JsonNode frame = User.JSON.readTree(this.partial.toString());
                this.partial.setLength(0);
                onFrame(frame, this.ready);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            this.closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            this.closed.complete(1006);
        }

    }

}
