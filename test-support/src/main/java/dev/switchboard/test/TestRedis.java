package dev.switchboard.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import redis.embedded.RedisServer;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Redis server for the tests of one JVM: an embedded one (embedded-redis, started once
 * per JVM on a free port), or, when {@value #URL_VARIABLE} holds a URL such as
 * {@code redis://127.0.0.1:6379/5}, that server. Tests keep apart by using keys of their
 * own (fresh users, fresh numbers), never by flushing.
 */
public final class TestRedis {

    /** The environment variable that opts in to an existing Redis server. */
    public static final String URL_VARIABLE = "SWITCHBOARD_TEST_REDIS_URL";

    private TestRedis() {
    }

    /**
     * The shared test server, started on first use.
     * @return its URL
     */
    public static URI url() {
        return Holder.URL;
    }

    /**
     * A Redis server of the caller's own, for tests that stop and start Redis to simulate
     * an outage. The caller stops it.
     * @return the started server
     */
    public static Dedicated startDedicated() {
        Dedicated dedicated = new Dedicated(FreePorts.next());
        dedicated.start();
        return dedicated;
    }

    private static URI start() {
        String external = System.getenv(URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return URI.create(external);
        }
        Dedicated shared = startDedicated();
        Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "stop-embedded-redis"));
        return shared.url();
    }

    /**
     * The Spring Boot properties that point Spring Data Redis at a server.
     * @param url the server's URL
     * @return the properties
     */
    public static Map<String, Object> properties(URI url) {
        return Map.of("spring.data.redis.url", url.toString());
    }

    /**
     * An embedded Redis server that a test starts and stops, always on the same port.
     */
    public static final class Dedicated {

        private final int port;

        private final RedisServer server;

        Dedicated(int port) {
            this.port = port;
            try {
                this.server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .onShutdownForceStop(true)
                    .build();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        /**
         * The server's URL.
         * @return {@code redis://127.0.0.1:<port>}
         */
        public URI url() {
            return URI.create("redis://127.0.0.1:" + this.port);
        }

        /**
         * Starts the server (again); it comes back empty.
         */
        public void start() {
            try {
                this.server.start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not start embedded Redis on port " + this.port, ex);
            }
        }

        /**
         * Stops the server.
         */
        public void stop() {
            try {
                this.server.stop();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

    }

    /**
     * Points a test context's Spring Data Redis at the shared test server.
     */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySources.addFirst(context, "switchboard-test-redis", properties(url()));
        }

    }

    private static final class Holder {

        static final URI URL = start();

    }

}
