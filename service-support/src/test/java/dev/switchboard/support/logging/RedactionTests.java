package dev.switchboard.support.logging;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

    private static final String TOKEN = "kX2v9QeYb3Jm0wRt7uLp4sNc8dHf1gAa6zEiOoUyT5q";

    @ParameterizedTest
    @ValueSource(strings = { "GET \"/messaging?accessToken=%s\"", "/messaging?x=1&accessToken=%s&y=2",
            "/messaging?ACCESSTOKEN=%s", "/messaging?access_token=%s", "/messaging?ticket=%s",
            "uri=http://gw/messaging?token=%s#frag", "ticket%%3D%s", "{\"accessToken\":\"%s\"}", "{\"token\" : \"%s\"}",
            "Authorization: Bearer %s", "authorization=[bearer %s]" })
    void removesCredentialsFromText(String template) {
        String text = String.format(template, TOKEN);

        String redacted = Redaction.redact(text);

        assertThat(redacted).doesNotContain(TOKEN).contains(Redaction.REDACTED);
    }

    @Test
    void keepsTheRestOfTheText() {
        assertThat(Redaction.redact("GET /messaging?accessToken=" + TOKEN + "&seed=1 failed"))
            .isEqualTo("GET /messaging?accessToken=[redacted]&seed=1 failed");
        String plain = "Sent SEND_MESSAGE-0@42 to its dead-letter topic: tokens are fine here";
        assertThat(Redaction.redact(plain)).isSameAs(plain);
    }

    @Test
    void encodesLinesWithoutCredentialsWhateverTheyCarry() {
        LoggerContext context = new LoggerContext();
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger: %m%n%ex");
        encoder.start();
        LoggingEvent event = new LoggingEvent(RedactionTests.class.getName(),
                context.getLogger("reactor.netty.http.server"), Level.ERROR, "Handshake of {} failed",
                new IllegalStateException("bad request: /messaging?accessToken=" + TOKEN),
                new Object[] { "GET /messaging?ticket=" + TOKEN });

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).startsWith("ERROR reactor.netty.http.server: Handshake of GET /messaging?ticket=[redacted]")
            .contains("IllegalStateException: bad request: /messaging?accessToken=[redacted]")
            .doesNotContain(TOKEN);
    }

}
