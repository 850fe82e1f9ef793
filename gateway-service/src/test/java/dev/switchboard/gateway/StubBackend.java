package dev.switchboard.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.model.Headers;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Stands in for auth- and history-service behind the gateway's routes: it answers every
 * request with what it received (method, path, the headers the gateway adds), so tests
 * see what the gateway forwarded.
 */
public final class StubBackend {

    private static final Queue<String> RECEIVED = new ConcurrentLinkedQueue<>();

    private StubBackend() {
    }

    /**
     * The raw paths of every request the stub received, oldest first.
     * @return the paths
     */
    public static List<String> receivedPaths() {
        return List.copyOf(RECEIVED);
    }

    /**
     * The stub's base URL.
     * @return {@code http://localhost:<port>}
     */
    public static String url() {
        return Holder.URL;
    }

    private static String start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", (exchange) -> {
                exchange.getRequestBody().readAllBytes();
                RECEIVED.add(exchange.getRequestURI().getRawPath());
                String forwardedFor = String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
                String clientAddress = String.valueOf(exchange.getRequestHeaders().getFirst(Headers.CLIENT_ADDRESS));
                String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                String json = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\""
                        + exchange.getRequestURI().getPath() + "\",\"forwardedFor\":\"" + forwardedFor
                        + "\",\"clientAddress\":\"" + clientAddress + "\",\"authorization\":\""
                        + (authorization.equals("null") ? "none" : "present") + "\"}";
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-stub-backend"));
            return "http://localhost:" + server.getAddress().getPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Points the gateway's routes at the stub.
     */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("stub-backends",
                        Map.of("switchboard.gateway.auth-uri", url(), "switchboard.gateway.history-uri", url())));
        }

    }

    private static final class Holder {

        static final String URL = start();

    }

}
