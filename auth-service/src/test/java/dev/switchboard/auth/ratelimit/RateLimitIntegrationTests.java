package dev.switchboard.auth.ratelimit;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.test.HttpAnswer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class RateLimitIntegrationTests {

    @Autowired
    AuthApi api;

    @Test
    void limitsCodesPerMobileNumber() {
        String mobile = Mobiles.next();
        for (int i = 0; i < 5; i++) {
            this.api.getCode(mobile).expectStatus(202);
        }

        HttpAnswer refused = this.api.getCode(mobile).expectStatus(429);

        assertRetryAfter(refused);
        assertThat(this.api.getCode(Mobiles.next()).status()).as("other numbers are not limited").isEqualTo(202);
    }

    @Test
    void limitsCodesPerClientAddress() {
        String address = Mobiles.nextAddress();
        for (int i = 0; i < 20; i++) {
            this.api.getCode(Mobiles.next(), address).expectStatus(202);
        }

        HttpAnswer refused = this.api.getCode(Mobiles.next(), address).expectStatus(429);

        assertRetryAfter(refused);
        assertThat(this.api.getCode(Mobiles.next(), Mobiles.nextAddress()).status()).isEqualTo(202);
    }

    @Test
    void countsTheAddressTheGatewaySawNotTheOneAClientForged() {
        String address = Mobiles.nextAddress();
        for (int i = 0; i < 20; i++) {
            this.api.getCode(Mobiles.next(), address, "10.0.0." + (i + 1)).expectStatus(202);
        }

        HttpAnswer refused = this.api.getCode(Mobiles.next(), address, "192.168.7.7").expectStatus(429);

        assertRetryAfter(refused);
    }

    @Test
    void limitsLoginAttemptsPerClientAddress() {
        String address = Mobiles.nextAddress();
        for (int i = 0; i < 60; i++) {
            this.api.login(Mobiles.next(), "000000", address).expectStatus(401);
        }

        HttpAnswer refused = this.api.login(Mobiles.next(), "000000", address).expectStatus(429);

        assertRetryAfter(refused);
        assertThat(this.api.login(Mobiles.next(), "000000", Mobiles.nextAddress()).status()).isEqualTo(401);
    }

    @Test
    void limitsLoginAttemptsPerMobileNumber() {
        String mobile = Mobiles.next();
        for (int i = 0; i < 20; i++) {
            this.api.login(mobile, "000000").expectStatus(401);
        }

        HttpAnswer refused = this.api.login(mobile, "000000").expectStatus(429);

        assertRetryAfter(refused);
    }

    private static void assertRetryAfter(HttpAnswer refused) {
        assertThat(refused.text("code")).isEqualTo("rate-limited");
        long retryAfter = Long.parseLong(refused.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(refused.body().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
    }

}
