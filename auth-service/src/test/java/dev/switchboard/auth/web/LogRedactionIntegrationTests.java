package dev.switchboard.auth.web;

import java.util.regex.Pattern;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a whole flow with Spring's web logging at DEBUG (which prints request and response
 * bodies' {@code toString()}) and finds no token, code, ticket or full number in the log.
 */
@AuthIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogRedactionIntegrationTests {

    // The server side only: the test's own HTTP client logs what it sends, in this JVM.
    private static final String[] VERBOSE = { "org.springframework.web.servlet", "org.springframework.web.method",
            "org.springframework.web.filter", "org.springframework.jdbc", "org.springframework.kafka",
            "dev.switchboard" };

    @Autowired
    AuthApi api;

    @Autowired
    LoggingSystem logging;

    @BeforeEach
    void verbose() {
        for (String logger : VERBOSE) {
            this.logging.setLogLevel(logger, LogLevel.DEBUG);
        }
    }

    @AfterEach
    void quiet() {
        for (String logger : VERBOSE) {
            this.logging.setLogLevel(logger, null);
        }
    }

    @Test
    void logsNoSecretAndNoFullNumber(CapturedOutput output) {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String code = this.api.lastCode(mobile);
        this.api.login(mobile, String.format("%06d", (Integer.parseInt(code) + 7) % 1_000_000)).expectStatus(401);
        String token = this.api.login(mobile, code).expectStatus(200).text("accessToken");
        this.api.me(token).expectStatus(200);
        String ticket = this.api.webSocketTicket(token).expectStatus(200).text("ticket");
        this.api.logout(token).expectStatus(204);
        this.api.me(token).expectStatus(401);

        String log = output.getAll();
        assertThat(log).as("the flow was logged at all").contains("/api/auth/login").contains("logged in");
        assertThat(log).doesNotContain(token).doesNotContain(ticket);
        assertThat(log).doesNotContain(mobile.substring(1)).doesNotContain(mobile.substring(2));
        assertThat(Pattern.compile("\\b" + code + "\\b").matcher(log).find()).as("the code appears in the log")
            .isFalse();
    }

}
