package dev.switchboard.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.authclient.AuthenticatedUser;
import dev.switchboard.authclient.CachedCredential;
import dev.switchboard.authclient.Secrets;
import dev.switchboard.model.id.UserId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Users with valid tokens, for the tests of services that trust auth-service. A token is
 * made valid the way auth-service makes it valid for everyone else: an entry in the token
 * cache in Redis, written with auth-service's own codec ({@link CachedCredential}). For
 * tokens that are not in the cache, a stand-in for auth-service's introspection endpoint
 * answers "not active", as auth-service answers for an unknown token. The stand-in's user
 * directory knows the users that {@link #newUser()} made, and no other id.
 */
public final class TestAuth {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final AtomicLong NEXT_USER = new AtomicLong(
            1_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L) * 1000);

    private static final Set<Long> REGISTERED = ConcurrentHashMap.newKeySet();

    // blocker -> whom they block, as auth-service's directory would answer it
    private static final Map<Long, Set<Long>> BLOCKS = new ConcurrentHashMap<>();

    private static final Pattern NUMBER = Pattern.compile("[0-9]+");

    private static final AtomicLong NEXT_TOKEN_ID = new AtomicLong(
            ThreadLocalRandom.current().nextLong(1_000_000_000L));

    private TestAuth() {
    }

    /**
     * A user id that no other test uses.
     * @return the id
     */
    public static UserId newUser() {
        UserId user = new UserId(NEXT_USER.incrementAndGet());
        REGISTERED.add(user.value());
        return user;
    }

    /**
     * Makes the stand-in's user directory say that one user blocks another (the gateway
     * learns of it when it asks next: after its memory of the blocker runs out or is
     * dropped by a {@code BlocksChanged} event).
     * @param blocker who blocks
     * @param blocked whom
     */
    public static void block(UserId blocker, UserId blocked) {
        BLOCKS.computeIfAbsent(blocker.value(), (key) -> ConcurrentHashMap.newKeySet()).add(blocked.value());
    }

    /**
     * A user id that no user holds (yet): the stand-in's user directory says so.
     * @return the id
     */
    public static UserId unregisteredUser() {
        return new UserId(NEXT_USER.incrementAndGet());
    }

    /**
     * A valid token of a user, in the shared test Redis.
     * @param user the user
     * @return the token
     */
    public static String tokenFor(UserId user) {
        return issue(user, Duration.ofDays(30)).token();
    }

    /**
     * A valid token of a user with a given lifetime.
     * @param user the user
     * @param lifetime how long the token lives
     * @return the token and what it stands for
     */
    public static Issued issue(UserId user, Duration lifetime) {
        String token = Secrets.generate(RANDOM);
        AuthenticatedUser credential = new AuthenticatedUser(user, NEXT_TOKEN_ID.incrementAndGet(),
                Instant.now().plus(lifetime));
        redis().sync()
            .psetex(CachedCredential.tokenKey(token), lifetime.toMillis(), CachedCredential.encode(credential));
        return new Issued(token, credential);
    }

    /**
     * Revokes a token as auth-service does: its cache entry goes, its revoked marker is
     * set (so its tickets are void), and introspection says "not active". The revocation
     * event is the test's to send.
     * @param issued the token
     */
    public static void revoke(Issued issued) {
        redis().sync().psetex(CachedCredential.revokedKey(issued.credential().tokenId()), 60_000, "1");
        redis().sync().del(CachedCredential.tokenKey(issued.token()));
    }

    /**
     * Takes a token's cache entry away, as if Redis had lost it: introspection says "not
     * active" for it.
     * @param token the token
     */
    public static void forget(String token) {
        redis().sync().del(CachedCredential.tokenKey(token));
    }

    /**
     * A one-time WebSocket ticket for a token's user, as auth-service issues it.
     * @param credential the token's credential
     * @return the ticket
     */
    public static String ticketFor(AuthenticatedUser credential) {
        String ticket = Secrets.generate(RANDOM);
        redis().sync().psetex(CachedCredential.ticketKey(ticket), 60_000, CachedCredential.encode(credential));
        return ticket;
    }

    /**
     * The URL of the stand-in introspection endpoint.
     * @return the URL
     */
    public static String introspectionUri() {
        return Holder.INTROSPECTION;
    }

    private static StatefulRedisConnection<String, String> redis() {
        return Holder.REDIS;
    }

    private static String startIntrospection() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/internal/auth/introspect", (exchange) -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/internal/auth/users", (exchange) -> {
                // {"ids":[1,2,3]} ->
                // {"registered":[1,3],"blocks":[{"user":1,"blocked":[2]}]},
                // read without a JSON library
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                StringJoiner registered = new StringJoiner(",", "{\"registered\":[", "]");
                StringJoiner blocks = new StringJoiner(",", ",\"blocks\":[", "]}");
                Matcher ids = NUMBER.matcher(request);
                while (ids.find()) {
                    long id = Long.parseLong(ids.group());
                    if (REGISTERED.contains(id)) {
                        registered.add(ids.group());
                    }
                    Set<Long> blocked = BLOCKS.get(id);
                    if (blocked != null && !blocked.isEmpty()) {
                        StringJoiner list = new StringJoiner(",", "{\"user\":" + id + ",\"blocked\":[", "]}");
                        blocked.forEach((other) -> list.add(Long.toString(other)));
                        blocks.add(list.toString());
                    }
                }
                byte[] body = (registered.toString() + blocks).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "stop-introspection-stand-in"));
            return "http://localhost:" + server.getAddress().getPort() + "/internal/auth/introspect";
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * A token as issued.
     *
     * @param token the bearer token
     * @param credential what it stands for
     */
    public record Issued(String token, AuthenticatedUser credential) {
    }

    /**
     * Points a test context's token verifier at the stand-in introspection endpoint.
     */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySources.addFirst(context, "switchboard-test-auth",
                    Map.of("switchboard.auth-client.introspection-uri", introspectionUri()));
        }

    }

    private static final class Holder {

        static final StatefulRedisConnection<String, String> REDIS = RedisClient.create(TestRedis.url().toString())
            .connect();

        static final String INTROSPECTION = startIntrospection();

    }

}
