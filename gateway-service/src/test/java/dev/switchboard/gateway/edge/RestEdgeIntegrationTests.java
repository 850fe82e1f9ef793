package dev.switchboard.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.switchboard.gateway.Clients;
import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.gateway.StubBackend;
import dev.switchboard.model.Headers;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@GatewayIntegrationTest
class RestEdgeIntegrationTests {

    @Autowired
    WebTestClient client;

    @LocalServerPort
    int port;

    Clients clients;

    @BeforeEach
    void clients() {
        this.clients = new Clients(this.port);
    }

    @Test
    void routesAuthCallsToAuthServiceWithTheClientsAddress() {
        this.client.post()
            .uri("/api/auth/getcode")
            .header("X-Forwarded-For", "198.51.100.7")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"mobile\":\"+16502530000\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.path")
            .isEqualTo("/api/auth/getcode")
            // The test profile trusts one proxy, which wrote the last entry.
            .jsonPath("$.clientAddress")
            .isEqualTo("198.51.100.7");
    }

    @Test
    void tellsAuthServiceTheAddressTheTrustedProxySawWhateverTheClientForged() {
        this.client.post()
            .uri("/api/auth/getcode")
            // What a client wrote itself, then what the one trusted proxy appended.
            .header("X-Forwarded-For", "10.0.0.1, 127.0.0.1, 198.51.100.8")
            .header(Headers.CLIENT_ADDRESS, "192.0.2.1")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"mobile\":\"+16502530000\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.clientAddress")
            .isEqualTo("198.51.100.8");
    }

    @Test
    void forwardsTheAddressOfAClientThatSentNone() {
        this.client.post()
            .uri("/api/auth/getcode")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"mobile\":\"+16502530000\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.clientAddress")
            .value((String address) -> assertThat(address).as("the test client's loopback address")
                .matches("127\\.0\\.0\\.1|0:0:0:0:0:0:0:1(%.*)?"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/api/auth/../../internal/auth/introspect",
            "/api/auth/%2e%2e/%2E%2E/internal/auth/introspect", "/api/auth/..;/..;/internal/auth/introspect",
            "/api/history/.%2e/.%2e/internal/auth/introspect", "/api/auth/..%2f..%2finternal/auth/introspect",
            "/api/auth/%5c..%5c..%5cinternal/auth/introspect", "/api/history/./sync" })
    void refusesPathsWithDotSegmentsBeforeRoutingThem(String path) {
        String answer = this.clients.raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                + "application/json\r\nContent-Length: 14\r\nConnection: close\r\n\r\n{\"token\":\"x\"}");

        assertThat(Clients.status(answer)).as(answer).isEqualTo(400);
        assertThat(answer).contains("\"code\":\"invalid-path\"");
        assertThat(StubBackend.receivedPaths()).noneMatch((received) -> received.contains("internal")
                || received.contains("..") || received.contains("%2e") || received.contains("/./"));
    }

    @Test
    void limitsAuthCallsPerClientAddress() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        int refusedAt = -1;
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < 60 && refused == null; i++) {
            EntityExchangeResult<byte[]> result = this.client.post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", address)
                .exchange()
                .expectBody()
                .returnResult();
            if (result.getStatus().value() == 429) {
                refusedAt = i;
                refused = result;
            }
        }
        assertThat(refusedAt).as("refused once the burst of 20 is spent").isBetween(20, 59);

        // The refusal itself is checked: a second request could already find a token that
        // the limiter added at the turn of a second.
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(refused.getResponseBody(), StandardCharsets.UTF_8)).contains("\"code\":\"rate-limited\"");
        this.client.post()
            .uri("/api/auth/login")
            .header("X-Forwarded-For", "192.0.2.99")
            .exchange()
            .expectStatus()
            .isOk();
    }

    @Test
    void letsOnlyCallsWithAValidTokenThroughToHistory() {
        this.client.get()
            .uri("/api/history/sync")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("unauthorized")
            .jsonPath("$.type")
            .isEqualTo("urn:switchboard:problem:unauthorized")
            .jsonPath("$.title")
            .isEqualTo("Unauthorized")
            .jsonPath("$.status")
            .isEqualTo(401)
            .jsonPath("$.detail")
            .isEqualTo("A bearer token is required.")
            .jsonPath("$.instance")
            .isEqualTo("/api/history/sync")
            .jsonPath("$.properties")
            .doesNotExist();
        this.client.get()
            .uri("/api/history/sync")
            .headers((headers) -> headers.setBearerAuth("A".repeat(43)))
            .exchange()
            .expectStatus()
            .isUnauthorized();
        this.client.get()
            .uri("/api/history/sync")
            .headers((headers) -> headers.setBearerAuth(TestAuth.tokenFor(TestAuth.newUser())))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.path")
            .isEqualTo("/api/history/sync")
            .jsonPath("$.authorization")
            .isEqualTo("present");
    }

    @Test
    void routesNothingElse() {
        this.client.post().uri("/internal/auth/introspect").exchange().expectStatus().isNotFound();
    }

    @Test
    void servesNoActuatorEndpointButHealthAndPrometheus() {
        for (String endpoint : List.of("env", "metrics", "info", "beans", "configprops", "heapdump", "threaddump",
                "loggers", "mappings", "gateway/routes", "shutdown")) {
            this.client.get().uri("/actuator/" + endpoint).exchange().expectStatus().isNotFound();
        }
        this.client.post().uri("/actuator/shutdown").exchange().expectStatus().isNotFound();
        this.client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }

    @Test
    void allowsConfiguredBrowserOriginsOnly() {
        this.client.options()
            .uri("/api/auth/getcode")
            .header(HttpHeaders.ORIGIN, "http://localhost:5173")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
        this.client.options()
            .uri("/api/auth/getcode")
            .header(HttpHeaders.ORIGIN, "https://evil.example")
            .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpMethod.POST.name())
            .exchange()
            .expectStatus()
            .isForbidden();
    }

}
