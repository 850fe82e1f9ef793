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

import dev.switchboard.model.auth.ActivationCodeRequest;
import dev.switchboard.model.auth.ActivationCodeResponse;
import dev.switchboard.model.auth.LoginRequest;
import dev.switchboard.model.auth.LoginResponse;
import dev.switchboard.model.json.SwitchboardJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Users made the way clients make them: a code for a mobile number (the local profile
 * puts it in the answer), then a login, through the gateway.
 */
final class Accounts {

    private static final JsonMapper JSON = SwitchboardJson.newMapper();

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
        ActivationCodeResponse code = post("/api/auth/getcode", new ActivationCodeRequest(mobile), 202,
                ActivationCodeResponse.class);
        LoginResponse login = post("/api/auth/login", new LoginRequest(mobile, code.activationCode()), 200,
                LoginResponse.class);
        return new Account(login.userId().value(), login.accessToken());
    }

    private <T> T post(String path, Object body, int expected, Class<T> answer) {
        HttpRequest request = HttpRequest.newBuilder(this.gateway.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
        try {
            HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        "POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readValue(response.body(), answer);
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
