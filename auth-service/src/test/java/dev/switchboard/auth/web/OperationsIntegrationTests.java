package dev.switchboard.auth.web;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class OperationsIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    AuthApi api;

    @Autowired
    MeterRegistry meters;

    @Test
    void reportsLivenessAndReadiness() {
        assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
    }

    @Test
    void countsCodesLoginsAndRejectionsAndExportsThemToPrometheus() {
        double codesSent = count("switchboard.auth.codes.sent");
        double succeeded = count("switchboard.auth.logins", "outcome", "success");
        double refused = count("switchboard.auth.logins", "outcome", "invalid-code");
        double rejected = count("switchboard.auth.rate.limit.rejections", "limit", "getcode-mobile");

        String mobile = Mobiles.next();
        this.api.loginFresh(mobile);
        this.api.login(mobile, "000000").expectStatus(401);
        String limited = Mobiles.next();
        for (int i = 0; i < 5; i++) {
            this.api.getCode(limited).expectStatus(202);
        }
        this.api.getCode(limited).expectStatus(429);

        assertThat(count("switchboard.auth.codes.sent")).isEqualTo(codesSent + 6);
        assertThat(count("switchboard.auth.logins", "outcome", "success")).isEqualTo(succeeded + 1);
        assertThat(count("switchboard.auth.logins", "outcome", "invalid-code")).isEqualTo(refused + 1);
        assertThat(count("switchboard.auth.rate.limit.rejections", "limit", "getcode-mobile")).isEqualTo(rejected + 1);
        String metrics = get("/actuator/prometheus");
        assertThat(metrics).contains("switchboard_auth_codes_sent_total")
            .contains("switchboard_auth_logins_total{application=\"auth-service\",outcome=\"success\"}")
            .contains("switchboard_auth_logins_total{application=\"auth-service\",outcome=\"invalid-code\"}")
            .contains(
                    "switchboard_auth_rate_limit_rejections_total{application=\"auth-service\",limit=\"getcode-mobile\"}");
    }

    @Test
    void describesItsApiInOpenApi() {
        String openApi = get("/api/auth/v3/api-docs");

        assertThat(openApi).contains("/api/auth/getcode").contains("/api/auth/login").contains("/api/auth/me");
        assertThat(openApi).as("the public description names nothing internal").doesNotContain("/internal");
    }

    /**
     * A counter's count, zero while it has not been registered (the rate-limit counters
     * appear with their first rejection).
     */
    private double count(String name, String... tags) {
        Counter counter = this.meters.find(name).tags(tags).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private String get(String path) {
        return this.client.get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody();
    }

}
