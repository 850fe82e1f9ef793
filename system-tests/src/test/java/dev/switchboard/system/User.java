package dev.switchboard.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.switchboard.model.id.UserId;
import dev.switchboard.model.json.SwitchboardJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static User register() {
        int n = NUMBERS.getAndIncrement();
        String mobile = "+1650" + (2 + (n / 1_000_000) % 8) + String.format("%06d", n % 1_000_000);
        JsonNode code = post("/api/auth/getcode", "{\"mobile\":\"" + mobile + "\"}", 202);
        JsonNode login = post("/api/auth/login",
                "{\"mobile\":\"" + mobile + "\",\"activationCode\":\"" + code.get("activationCode").asString() + "\"}",
                200);
        return new User(new UserId(login.get("userId").asLong()), mobile, login.get("accessToken").asString());
    }

    static JsonNode post(String path, String json, int expectedStatus) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SystemStack.gatewayHttp(1) + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * A GET through the gateway with this user's token.
     * @return the status and the JSON body
     */
    Answer get(String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(SystemStack.gatewayHttp(1) + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + this.token)
            .GET()
            .build();
        HttpResponse<String> response = send(request);
        String body = response.body();
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                (body == null || body.isBlank()) ? null : JSON.readTree(body));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException("Could not call the gateway", ex);
        }
    }

    record Answer(int status, String retryAfter, JsonNode body) {
    }

}
