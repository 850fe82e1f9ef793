package dev.switchboard.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.model.auth.ActivationCodeRequest;
import dev.switchboard.model.auth.ActivationCodeResponse;
import dev.switchboard.model.auth.LoginRequest;
import dev.switchboard.model.auth.LoginResponse;
import dev.switchboard.model.id.UserId;
import dev.switchboard.model.json.SwitchboardJson;
import dev.switchboard.test.HttpAnswer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * A user who logged in the way a client does: a code for a fresh mobile number (the local
 * profile puts the code in the answer, as the seed design did), then login, through the
 * gateway.
 *
 * @param id the user's id
 * @param mobile the number
 * @param token the access token
 */
record User(UserId id, String mobile, String token) {

    static final JsonMapper JSON = SwitchboardJson.newMapper();

    // From a random start, one after another: two users never share a number.
    private static final AtomicInteger NUMBERS = new AtomicInteger(ThreadLocalRandom.current().nextInt(7_000_000));

    private static final Queue<String> ISSUED = new ConcurrentLinkedQueue<>();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static User register() {
        String mobile = newMobile();
        ActivationCodeResponse code = post("/api/auth/getcode", new ActivationCodeRequest(mobile), 202,
                ActivationCodeResponse.class);
        LoginResponse login = post("/api/auth/login", new LoginRequest(mobile, code.activationCode()), 200,
                LoginResponse.class);
        ISSUED.add(login.accessToken());
        return new User(login.userId(), mobile, login.accessToken());
    }

    /**
     * Every access token issued to a user of this test JVM so far.
     */
    static List<String> issuedTokens() {
        return List.copyOf(ISSUED);
    }

    /**
     * A mobile number that no other user of this test JVM has.
     */
    static String newMobile() {
        int n = NUMBERS.getAndIncrement();
        return "+1650" + (2 + (n / 1_000_000) % 8) + String.format("%06d", n % 1_000_000);
    }

    static JsonNode post(String path, String json, int expectedStatus) {
        return post(path, json).expectStatus(expectedStatus).body();
    }

    /**
     * A POST of a JSON body through gateway node 1, without a token.
     * @return the status, headers and JSON body, whatever the status
     */
    static HttpAnswer post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SystemStack.gatewayHttp(1) + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        return send(request);
    }

    private static <T> T post(String path, Object body, int expectedStatus, Class<T> answer) {
        return JSON.treeToValue(post(path, JSON.writeValueAsString(body), expectedStatus), answer);
    }

    /**
     * A GET through the gateway with this user's token.
     * @return the status, headers and JSON body
     */
    HttpAnswer get(String pathAndQuery) {
        return get(1, pathAndQuery);
    }

    /**
     * A GET through a given gateway node with this user's token.
     * @return the status, headers and JSON body
     */
    HttpAnswer get(int gateway, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SystemStack.gatewayHttp(gateway) + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + this.token)
            .GET()
            .build();
        return send(request);
    }

    /**
     * A POST without a body through the gateway with this user's token.
     * @return the status, headers and JSON body
     */
    HttpAnswer post(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SystemStack.gatewayHttp(1) + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + this.token)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
        return send(request);
    }

    /**
     * Any request through the gateway with this user's token.
     * @param method the method
     * @param path the path
     * @param json the JSON body, or {@code null}
     * @return the status, headers and JSON body
     */
    HttpAnswer call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SystemStack.gatewayHttp(1) + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + this.token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(
                request
                    .method(method,
                            (json != null) ? HttpRequest.BodyPublishers.ofString(json)
                                    : HttpRequest.BodyPublishers.noBody())
                    .build());
    }

    private static HttpAnswer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException("Could not call the gateway", ex);
        }
        HttpHeaders headers = new HttpHeaders();
        response.headers().map().forEach(headers::addAll);
        return HttpAnswer.of(response.statusCode(), headers, response.body());
    }

}
