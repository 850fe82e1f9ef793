package dev.switchboard.gateway.edge;

import dev.switchboard.gateway.GatewayIntegrationTest;
import dev.switchboard.test.TestAuth;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@GatewayIntegrationTest
class RestEdgeIntegrationTests {

    @Autowired
    WebTestClient client;

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
            .jsonPath("$.forwardedFor")
            .value((String forwarded) -> org.assertj.core.api.Assertions.assertThat(forwarded)
                .contains("198.51.100.7"));
    }

    @Test
    void limitsAuthCallsPerClientAddress() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        int refusedAt = -1;
        for (int i = 0; i < 60 && refusedAt < 0; i++) {
            int status = this.client.post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", address)
                .exchange()
                .expectBody()
                .returnResult()
                .getStatus()
                .value();
            if (status == 429) {
                refusedAt = i;
            }
        }
        org.assertj.core.api.Assertions.assertThat(refusedAt)
            .as("refused once the burst of 20 is spent")
            .isBetween(20, 59);

        this.client.post()
            .uri("/api/auth/login")
            .header("X-Forwarded-For", address)
            .exchange()
            .expectStatus()
            .isEqualTo(429)
            .expectHeader()
            .valueEquals(HttpHeaders.RETRY_AFTER, "1")
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("rate-limited");
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
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("unauthorized");
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
