package dev.switchboard.auth.login;

import java.time.Duration;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.test.HttpAnswer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.JsonNode;

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
    void rejectsACodeSentToAnotherNumber() {
        String alice = Mobiles.next();
        String bob = Mobiles.next();
        String alicesCode;
        String bobsCode;
        do {
            this.api.getCode(alice).expectStatus(202);
            this.api.getCode(bob).expectStatus(202);
            alicesCode = this.api.lastCode(alice);
            bobsCode = this.api.lastCode(bob);
        }
        while (alicesCode.equals(bobsCode));

        this.api.login(bob, alicesCode).expectStatus(401);
        this.api.login(bob, bobsCode).expectStatus(200);
    }

    @Test
    void answersKnownAndUnknownNumbersAlike() {
        String known = Mobiles.next();
        this.api.loginFresh(known);
        String unknown = Mobiles.next();

        HttpAnswer codeForKnown = this.api.getCode(known);
        HttpAnswer codeForUnknown = this.api.getCode(unknown);
        assertThat(codeForKnown.status()).isEqualTo(codeForUnknown.status()).isEqualTo(202);
        assertThat(withoutMobile(codeForKnown)).isEqualTo(withoutMobile(codeForUnknown));

        HttpAnswer wrongForKnown = this.api.login(known, "000000");
        HttpAnswer wrongForUnknown = this.api.login(unknown, "000000");
        assertThat(wrongForKnown.status()).isEqualTo(wrongForUnknown.status()).isEqualTo(401);
        assertThat(wrongForKnown.body()).isEqualTo(wrongForUnknown.body());
        // Timing: the code is checked (in Redis) before the user is looked up, so a wrong
        // code never reaches the user table, for a known number or not. Nothing timed is
        // asserted; the structure is what keeps the answers alike.
    }

    private static JsonNode withoutMobile(HttpAnswer answer) {
        ObjectNode body = (ObjectNode) answer.body().deepCopy();
        body.remove("mobile");
        return body;
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
