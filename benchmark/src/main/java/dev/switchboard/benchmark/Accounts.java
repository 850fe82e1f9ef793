package dev.switchboard.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users made the way clients make them: a code for a mobile number (the local profile
 * puts it in the answer), then a login, through the gateway.
 */
final class Accounts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int IN_FLIGHT = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI gateway;

    private final AtomicInteger numbers = new AtomicInteger();

    Accounts(URI gateway) {
        this.gateway = gateway;
    }

    /**
     * Registers users, a few at a time.
     * @param count how many
     * @return the users, in no particular order
     */
    List<Account> register(int count) {
        ExecutorService workers = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            List<CompletableFuture<Account>> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                pending.add(CompletableFuture.supplyAsync(this::registerOne, workers));
            }
            return pending.stream().map(CompletableFuture::join).toList();
        }
        finally {
            workers.shutdownNow();
        }
    }

    private Account registerOne() {
        // Numbers of the form +1 650 2xx xxxx, one per user of this run (the data is
        // fresh).
        String mobile = String.format("+16502%06d", this.numbers.incrementAndGet());
        JsonNode code = post("/api/auth/getcode", "{\"mobile\":\"" + mobile + "\"}", 202);
        JsonNode login = post("/api/auth/login",
                "{\"mobile\":\"" + mobile + "\",\"activationCode\":\"" + code.get("activationCode").asString() + "\"}",
                200);
        return new Account(login.get("userId").asLong(), login.get("accessToken").asString());
    }

    private JsonNode post(String path, String json, int expected) {
        HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
        try {
            HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        "POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
        catch (IOException ex) {
            throw new IllegalStateException("POST " + path + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * A user who logged in.
     *
     * @param userId the user's id
     * @param token the access token
     */
    record Account(long userId, String token) {

    }

}
