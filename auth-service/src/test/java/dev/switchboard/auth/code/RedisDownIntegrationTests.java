package dev.switchboard.auth.code;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthTestConfiguration;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.test.FreePorts;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service whose Redis does not answer (nothing listens on its port): code requests
 * and logins fail closed with 503, never 500, and never slip past a limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ContextConfiguration(initializers = { TestPostgres.Initializer.class, TestKafka.Initializer.class })
@Import(AuthTestConfiguration.class)
@ActiveProfiles("test")
class RedisDownIntegrationTests {

    @DynamicPropertySource
    static void redisThatIsDown(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + FreePorts.next());
    }

    @Autowired
    RestTestClient client;

    @Autowired
    AuthApi api;

    @Test
    void refusesCodeRequestsWith503() {
        HttpAnswer answer = this.api.getCode(Mobiles.next()).expectStatus(503);

        assertUnavailable(answer);
    }

    @Test
    void refusesLoginsWith503() {
        HttpAnswer answer = this.api.login(Mobiles.next(), "123456").expectStatus(503);

        assertUnavailable(answer);
    }

    @Test
    void reportsNotReadyButAlive() {
        assertThat(this.client.get()
            .uri("/actuator/health/readiness")
            .exchange()
            .returnResult(String.class)
            .getStatus()
            .value()).isEqualTo(503);
        assertThat(this.client.get()
            .uri("/actuator/health/liveness")
            .exchange()
            .returnResult(String.class)
            .getStatus()
            .value()).isEqualTo(200);
    }

    private static void assertUnavailable(HttpAnswer answer) {
        assertThat(answer.text("code")).isEqualTo("service-unavailable");
        assertThat(answer.headers().getFirst("Retry-After")).isNotBlank();
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
    }

}
