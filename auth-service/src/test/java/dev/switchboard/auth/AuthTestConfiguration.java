package dev.switchboard.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.switchboard.auth.code.MobileNumber;
import dev.switchboard.auth.sms.SmsSender;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A clock that tests move forward, an SMS sender that keeps what it was asked to send so
 * that tests read codes the way a phone would, and the {@link AuthApi} that uses both.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AuthTestConfiguration {

    @Bean
    @Primary
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    @Primary
    RecordingSmsSender recordingSmsSender() {
        return new RecordingSmsSender();
    }

    // Lazy: the test client is bound to the port that the server only has once it runs.
    @Bean
    @Lazy
    AuthApi authApi(RestTestClient client, RecordingSmsSender sms) {
        return new AuthApi(client, sms);
    }

    /**
     * The system clock, shifted by however far a test moved it.
     */
    public static class MutableClock extends Clock {

        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        public void advance(Duration duration) {
            this.offset.accumulateAndGet(duration, Duration::plus);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(this.offset.get());
        }

    }

    /**
     * Keeps every text per number, instead of sending it.
     */
    public static class RecordingSmsSender implements SmsSender {

        private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

        private final Map<String, List<String>> texts = new ConcurrentHashMap<>();

        @Override
        public void send(MobileNumber to, String text) {
            this.texts.computeIfAbsent(to.e164(), (key) -> new CopyOnWriteArrayList<>()).add(text);
        }

        /**
         * The code in the last text to a number.
         * @param e164 the number
         * @return the six digits
         */
        public String lastCode(String e164) {
            List<String> sent = this.texts.getOrDefault(e164, List.of());
            if (sent.isEmpty()) {
                throw new AssertionError("No SMS was sent to " + e164);
            }
            Matcher matcher = CODE.matcher(sent.get(sent.size() - 1));
            if (!matcher.find()) {
                throw new AssertionError("The last SMS holds no code");
            }
            return matcher.group(1);
        }

    }

}
