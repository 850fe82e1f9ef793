package dev.switchboard.auth.login;

import java.time.Duration;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.test.HttpAnswer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AuthIntegrationTest
class LoginIntegrationTests {

    @Autowired
    AuthApi api;

    @Autowired
    StringRedisTemplate redis;

    @Test
    void sendsACodeAndLogsInWithIt() {
        String mobile = Mobiles.next();

        HttpAnswer getCode = this.api.getCode(mobile).expectStatus(202);
        assertThat(getCode.text("mobile")).isEqualTo(mobile);
        assertThat(getCode.body().get("expiresInSeconds").asLong()).isEqualTo(3);
        assertThat(getCode.body().has("activationCode")).as("codes are not exposed by default").isFalse();

        HttpAnswer login = this.api.login(mobile, this.api.lastCode(mobile)).expectStatus(200);
        assertThat(login.text("accessToken")).hasSize(43);
        assertThat(login.text("tokenType")).isEqualTo("Bearer");
        assertThat(login.text("expiresAt")).isNotBlank();
        long userId = login.body().get("userId").asLong();

        HttpAnswer me = this.api.me(login.text("accessToken")).expectStatus(200);
        assertThat(me.body().get("userId").asLong()).isEqualTo(userId);
        assertThat(me.text("mobile")).isEqualTo(mobile);
    }

    @Test
    void acceptsANationalNumberOfTheDefaultRegion() {
        String mobile = Mobiles.next();
        String national = "(" + mobile.substring(2, 5) + ") " + mobile.substring(5, 8) + "-" + mobile.substring(8);

        HttpAnswer getCode = this.api.getCode(national).expectStatus(202);

        assertThat(getCode.text("mobile")).isEqualTo(mobile);
        this.api.login(national, this.api.lastCode(mobile)).expectStatus(200);
    }

    @Test
    void findsTheSameUserAtTheNextLogin() {
        String mobile = Mobiles.next();
        long first = this.api.loginFresh(mobile).body().get("userId").asLong();
        long second = this.api.loginFresh(mobile).body().get("userId").asLong();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void rejectsAWrongCodeAndCountsDownTheAttempts() {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);

        HttpAnswer wrong = this.api.login(mobile, otherCode(this.api.lastCode(mobile))).expectStatus(401);

        assertThat(wrong.text("code")).isEqualTo("invalid-activation-code");
        assertThat(wrong.body().get("attemptsRemaining").asInt()).isEqualTo(4);
        assertThat(wrong.headers().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void voidsTheCodeAfterFiveWrongAttempts() {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String code = this.api.lastCode(mobile);
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpAnswer wrong = this.api.login(mobile, otherCode(code)).expectStatus(401);
            assertThat(wrong.body().get("attemptsRemaining").asInt()).isEqualTo(5 - attempt);
        }

        HttpAnswer right = this.api.login(mobile, code).expectStatus(401);

        assertThat(right.body().get("attemptsRemaining").asInt()).isZero();
    }

    @Test
    void rejectsAReusedCode() {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String code = this.api.lastCode(mobile);
        this.api.login(mobile, code).expectStatus(200);

        this.api.login(mobile, code).expectStatus(401);
    }

    @Test
    void rejectsAnExpiredCode() {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String code = this.api.lastCode(mobile);

        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> !this.redis.hasKey("auth:code:" + mobile));

        HttpAnswer expired = this.api.login(mobile, code).expectStatus(401);
        assertThat(expired.body().get("attemptsRemaining").asInt()).isZero();
    }

    @Test
    void replacesAnEarlierCode() {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String first = this.api.lastCode(mobile);
        String second;
        do {
            this.api.getCode(mobile).expectStatus(202);
            second = this.api.lastCode(mobile);
        }
        while (second.equals(first));

        this.api.login(mobile, first).expectStatus(401);
        this.api.login(mobile, second).expectStatus(200);
    }

    private static String otherCode(String code) {
        int value = Integer.parseInt(code);
        return String.format("%06d", (value + 1) % 1_000_000);
    }

}
