package dev.switchboard.auth.web;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.AuthTestConfiguration.RecordingSmsSender;
import dev.switchboard.auth.Mobiles;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class OperationsIntegrationTests {

    @Autowired
    RestTestClient client;

    @Autowired
    RecordingSmsSender sms;

    @Test
    void reportsLivenessAndReadiness() {
        assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
    }

    @Test
    void exportsItsCountersToPrometheus() {
        AuthApi api = new AuthApi(this.client, this.sms);
        String mobile = Mobiles.next();
        api.loginFresh(mobile);
        api.login(mobile, "000000").expectStatus(401);

        String metrics = get("/actuator/prometheus");

        assertThat(metrics).contains("switchboard_auth_codes_sent_total")
            .contains("switchboard_auth_logins_total{application=\"auth-service\",outcome=\"success\"}")
            .contains("switchboard_auth_logins_total{application=\"auth-service\",outcome=\"invalid-code\"}");
    }

    @Test
    void describesItsApiInOpenApi() {
        String openApi = get("/api/auth/v3/api-docs");

        assertThat(openApi).contains("/api/auth/getcode").contains("/api/auth/login").contains("/api/auth/me");
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
