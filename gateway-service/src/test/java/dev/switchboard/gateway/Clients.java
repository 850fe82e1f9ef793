package dev.switchboard.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
     * Sends a request exactly as written, bytes on a socket (no client library normalises
     * its path or checks its headers), and reads the whole answer.
     * @param request the request head and body, with {@code \r\n} line ends
     * @return the answer as text, starting with its status line
     */
    public String raw(String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = socket.getInputStream().read(buffer)) > 0;) {
                    answer.write(buffer, 0, read);
                    if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                            && isComplete(answer.toString(StandardCharsets.ISO_8859_1))) {
                        break;
                    }
                }
            }
            catch (SocketTimeoutException ex) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The status of an answer that {@link #raw(String)} read.
     * @param answer the answer
     * @return its status code
     */
    public static int status(String answer) {
        String[] statusLine = answer.split("\r\n", 2)[0].split(" ");
        return (statusLine.length > 1) ? Integer.parseInt(statusLine[1]) : -1;
    }

    private static boolean isComplete(String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        String head = answer.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int length = head.indexOf("content-length:");
        if (length < 0) {
            return head.contains(" 101 ") || head.contains("connection: close") || answer.endsWith("0\r\n\r\n");
        }
        int end = head.indexOf("\r\n", length);
        int expected = Integer.parseInt(head.substring(length + 15, (end < 0) ? head.length() : end).trim());
        return answer.length() - headEnd - 4 >= expected;
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
