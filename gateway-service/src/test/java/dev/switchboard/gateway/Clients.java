package dev.switchboard.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.switchboard.model.id.UserId;
import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestWebSocket;
import tools.jackson.databind.JsonNode;

/**
 * Connects test clients to the gateway under test.
 */
public final class Clients {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private final int port;

    public Clients(int port) {
        this.port = port;
    }

    public URI uri(String query) {
        return URI.create("ws://localhost:" + this.port + "/messaging" + ((query != null) ? "?" + query : ""));
    }

    /**
     * Connects a user with a fresh token and waits for {@code ready}.
     */
    public Connected connect(UserId user) {
        return connectWithToken(user, TestAuth.tokenFor(user));
    }

    public Connected connectWithToken(UserId user, String token) {
        TestWebSocket socket = TestWebSocket.connectWithToken(uri(null), token);
        JsonNode ready = socket.nextOfType("ready", WAIT);
        return new Connected(user, socket, ready.get("sessionId").asString());
    }

    /**
     * Tries a handshake and reports its HTTP status (101 for an upgrade).
     */
    public int handshakeStatus(String query, Map<String, String> headers) {
        try (TestWebSocket socket = TestWebSocket.connect(uri(query), headers)) {
            return 101;
        }
        catch (TestWebSocket.HandshakeRefused ex) {
            return ex.status();
        }
    }

    /**
     * A connected user.
     *
     * @param user the user
     * @param socket the connection
     * @param sessionId the session id the server gave it
     */
    public record Connected(UserId user, TestWebSocket socket, String sessionId) implements AutoCloseable {

        @Override
        public void close() {
            this.socket.close();
        }

    }

}
