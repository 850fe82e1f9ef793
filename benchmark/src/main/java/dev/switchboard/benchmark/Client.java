package dev.switchboard.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import dev.switchboard.benchmark.Accounts.Account;

/**
 * One WebSocket session of a user, authenticated by its bearer token. The JDK's client
 * runs every session on one selector thread; frames go out one after the other, as its
 * API requires.
 */
final class Client implements WebSocket.Listener {

    private final Consumer<String> frames;

    private final CompletableFuture<Client> ready = new CompletableFuture<>();

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();

    private final StringBuilder partial = new StringBuilder();

    private WebSocket socket;

    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private Client(Consumer<String> frames) {
        this.frames = frames;
    }

    /**
     * Opens a session.
     * @param http the client that carries it
     * @param endpoint the gateway's WebSocket URI
     * @param account the user
     * @param frames what to do with each server frame after {@code ready} (on the
     * selector thread: keep it short)
     * @return the client, once the gateway said {@code ready}
     */
    static CompletableFuture<Client> open(HttpClient http, URI endpoint, Account account, Consumer<String> frames) {
        Client client = new Client(frames);
        http.newWebSocketBuilder()
            .header("Authorization", "Bearer " + account.token())
            .connectTimeout(Duration.ofSeconds(30))
            .buildAsync(endpoint, client)
            .whenComplete((socket, failure) -> {
                if (failure != null) {
                    client.ready.completeExceptionally(failure);
                }
            });
        return client.ready;
    }

    /** Sends a text frame after those before it. */
    synchronized void send(String text) {
        this.sending = this.sending.thenCompose((previous) -> this.socket.sendText(text, true));
    }

    /** Completes with the close code when the session ends. */
    CompletableFuture<Integer> closed() {
        return this.closed;
    }

    void close() {
        synchronized (this) {
            this.sending = this.sending.thenCompose((previous) -> this.socket.sendClose(WebSocket.NORMAL_CLOSURE, ""));
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        this.partial.append(data);
        if (last) {
            String frame = this.partial.toString();
            this.partial.setLength(0);
            if (!this.ready.isDone() && frame.contains("\"type\":\"ready\"")) {
                this.ready.complete(this);
            }
            else {
                this.frames.accept(frame);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        this.closed.complete(statusCode);
        this.ready.completeExceptionally(new IllegalStateException("Closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.closed.complete(-1);
        this.ready.completeExceptionally(error);
    }

}
