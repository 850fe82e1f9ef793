package dev.switchboard.auth.code;

import java.util.stream.Stream;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.test.HttpAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class InvalidInputIntegrationTests {

    @Autowired
    AuthApi api;

    static Stream<Arguments> badGetCodeBodies() {
        return Stream.of(Arguments.of("letters", "{\"mobile\":\"abc\"}", "invalid-mobile"),
                Arguments.of("forty digits", "{\"mobile\":\"" + "1".repeat(40) + "\"}", "invalid-mobile"),
                Arguments.of("empty", "{\"mobile\":\"\"}", "invalid-mobile"),
                Arguments.of("too short", "{\"mobile\":\"01234\"}", "invalid-mobile"),
                Arguments.of("no such country", "{\"mobile\":\"+99912345678\"}", "invalid-mobile"),
                Arguments.of("another country's number without its prefix", "{\"mobile\":\"01512 3456789\"}",
                        "invalid-mobile"),
                Arguments.of("missing field", "{}", "invalid-mobile"),
                Arguments.of("null field", "{\"mobile\":null}", "invalid-mobile"),
                Arguments.of("malformed JSON", "{\"mobile\":", "malformed-request"),
                Arguments.of("not an object", "[1,2]", "malformed-request"),
                Arguments.of("no body", "", "malformed-request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badGetCodeBodies")
    void answersABadCodeRequestWithAProblem(String what, String body, String code) {
        HttpAnswer answer = this.api.raw("/api/auth/getcode", MediaType.APPLICATION_JSON, body).expectStatus(400);

        assertProblem(answer, code);
    }

    @Test
    void refusesAWrongContentType() {
        HttpAnswer answer = this.api.raw("/api/auth/getcode", MediaType.TEXT_PLAIN, "mobile=+16502530000")
            .expectStatus(415);

        assertProblem(answer, "unsupported-media-type");
    }

    @Test
    void refusesALandlineThatCannotReceiveTheCode() {
        HttpAnswer answer = this.api
            .raw("/api/auth/getcode", MediaType.APPLICATION_JSON, "{\"mobile\":\"+4930123456\"}")
            .expectStatus(400);

        assertProblem(answer, "invalid-mobile");
    }

    static Stream<Arguments> badLoginBodies() {
        String mobile = Mobiles.next();
        return Stream.of(
                Arguments.of("code of letters", "{\"mobile\":\"" + mobile + "\",\"activationCode\":\"abcdef\"}",
                        "invalid-request"),
                Arguments.of("code too long", "{\"mobile\":\"" + mobile + "\",\"activationCode\":\"1234567\"}",
                        "invalid-request"),
                Arguments.of("missing code", "{\"mobile\":\"" + mobile + "\"}", "invalid-request"),
                Arguments.of("bad number", "{\"mobile\":\"abc\",\"activationCode\":\"123456\"}", "invalid-mobile"),
                Arguments.of("malformed JSON", "{\"mobile\"", "malformed-request"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLoginBodies")
    void answersABadLoginWithAProblem(String what, String body, String code) {
        HttpAnswer answer = this.api.raw("/api/auth/login", MediaType.APPLICATION_JSON, body).expectStatus(400);

        assertProblem(answer, code);
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        HttpAnswer answer = this.api.raw("/api/auth/nothing-here", MediaType.APPLICATION_JSON, "{}").expectStatus(404);

        assertProblem(answer, "not-found");
    }

    @Test
    void refusesMeWithoutAValidToken() {
        HttpAnswer missing = this.api.me(null).expectStatus(401);
        HttpAnswer garbage = this.api.me("not-a-token").expectStatus(401);
        HttpAnswer unknown = this.api.me("A".repeat(43)).expectStatus(401);

        for (HttpAnswer answer : new HttpAnswer[] { missing, garbage, unknown }) {
            assertProblem(answer, "unauthorized");
            assertThat(answer.headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    private static void assertProblem(HttpAnswer answer, String code) {
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.text("code")).isEqualTo(code);
        assertThat(answer.text("type")).isEqualTo("urn:switchboard:problem:" + code);
        assertThat(answer.body().get("status").asInt()).isEqualTo(answer.status());
        assertThat(answer.text("detail")).isNotBlank();
        assertThat(answer.body().toString()).doesNotContain("Exception").doesNotContain("at dev.switchboard");
    }

}
