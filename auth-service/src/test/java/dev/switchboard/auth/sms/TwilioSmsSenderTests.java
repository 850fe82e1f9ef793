package dev.switchboard.auth.sms;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.auth.AuthProperties;
import dev.switchboard.auth.code.MobileNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Twilio adapter against a local HTTP server that answers as Twilio's Messages API
 * does.
 */
class TwilioSmsSenderTests {

    private HttpServer twilio;

    private final AtomicReference<Integer> status = new AtomicReference<>(201);

    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

    private final AtomicReference<Map<String, String>> request = new AtomicReference<>();

    @BeforeEach
    void startTwilio() throws IOException {
        this.twilio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.twilio.createContext("/", this::answer);
        this.twilio.start();
    }

    @AfterEach
    void stopTwilio() {
        this.twilio.stop(0);
    }

    @Test
    void postsTheMessageToTheAccountsMessagesResource() {
        sender().send(new MobileNumber("+16502530000"), "Your code is 123456");

        Map<String, String> sent = this.request.get();
        assertThat(sent).containsEntry("path", "/2010-04-01/Accounts/AC123/Messages.json")
            .containsEntry("method", "POST")
            .containsEntry("authorization",
                    "Basic " + Base64.getEncoder().encodeToString("AC123:secret".getBytes(StandardCharsets.UTF_8)))
            .containsEntry("To", "+16502530000")
            .containsEntry("From", "+15005550006")
            .containsEntry("Body", "Your code is 123456");
        assertThat(sent.get("contentType")).startsWith("application/x-www-form-urlencoded");
    }

    @Test
    void reportsARefusedNumberAsRejected() {
        this.status.set(400);

        assertThatExceptionOfType(SmsDeliveryException.class)
            .isThrownBy(() -> sender().send(new MobileNumber("+16502530000"), "code"))
            .matches(SmsDeliveryException::isRejected);
    }

    @Test
    void reportsAnOutageAsTemporary() {
        this.status.set(503);

        assertThatExceptionOfType(SmsDeliveryException.class)
            .isThrownBy(() -> sender().send(new MobileNumber("+16502530000"), "code"))
            .matches((ex) -> !ex.isRejected());
    }

    @Test
    void givesUpOnASlowProvider() {
        this.delay.set(Duration.ofSeconds(3));

        assertThatExceptionOfType(SmsDeliveryException.class)
            .isThrownBy(() -> sender().send(new MobileNumber("+16502530000"), "code"))
            .matches((ex) -> !ex.isRejected());
    }

    private SmsSender sender() {
        AuthProperties.Twilio account = new AuthProperties.Twilio(
                "http://localhost:" + this.twilio.getAddress().getPort(), "AC123", "secret", "+15005550006",
                Duration.ofMillis(500));
        AuthProperties properties = new AuthProperties(false, "US", null, null, null,
                new AuthProperties.Sms(AuthProperties.Sms.Provider.TWILIO, account), null);
        return new SmsConfiguration().smsSender(properties, RestClient.builder());
    }

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> seen = new HashMap<>();
        seen.put("path", exchange.getRequestURI().getPath());
        seen.put("method", exchange.getRequestMethod());
        seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
        seen.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            seen.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        this.request.set(seen);
        try {
            Thread.sleep(this.delay.get().toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        byte[] body = "{\"sid\":\"SM1\",\"status\":\"queued\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(this.status.get(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

}
