package dev.switchboard.auth.code;

import java.security.SecureRandom;
import java.time.Duration;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.support.ratelimit.RateLimiter;
import dev.switchboard.auth.sms.SmsSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Issues activation codes and checks them.
 */
@Service
public class ActivationCodes {

    private static final Logger logger = LoggerFactory.getLogger(ActivationCodes.class);

    private final ActivationCodeStore store;

    private final CodeHasher hasher;

    private final SmsSender sms;

    private final RateLimiter limiter;

    private final SecureRandom random;

    private final AuthProperties properties;

    private final Counter codesSent;

    ActivationCodes(ActivationCodeStore store, CodeHasher hasher, SmsSender sms, RateLimiter limiter,
            SecureRandom random, AuthProperties properties, MeterRegistry meters) {
        this.store = store;
        this.hasher = hasher;
        this.sms = sms;
        this.limiter = limiter;
        this.random = random;
        this.properties = properties;
        this.codesSent = Counter.builder("switchboard.auth.codes.sent")
            .description("Activation codes handed to the SMS sender")
            .register(meters);
    }

    /**
     * Issues a new code for a number and sends it, replacing any earlier code.
     * @param mobile the number
     * @return the code and how long it lives
     */
    public IssuedCode issue(MobileNumber mobile) {
        this.limiter.acquire("getcode-mobile", mobile.e164(), this.properties.rateLimits().getcodePerMobile());
        String code = String.format("%06d", this.random.nextInt(1_000_000));
        Duration ttl = this.properties.code().ttl();
        this.store.replace(mobile, this.hasher.hash(mobile, code), ttl);
        this.sms.send(mobile, "Your Switchboard code is " + code + ". It expires in " + ttl.toMinutes()
                + " minutes. Do not share it.");
        this.codesSent.increment();
        logger.info("Activation code sent to {}", mobile);
        return new IssuedCode(code, ttl);
    }

    /**
     * Checks a code and uses it up: a code logs in once.
     * @param mobile the number
     * @param code the presented code
     * @throws InvalidActivationCodeException if the code is not valid for the number
     */
    public void redeem(MobileNumber mobile, String code) {
        int maxAttempts = this.properties.code().maxAttempts();
        ActivationCodeStore.Attempt attempt = this.store.beginAttempt(mobile, maxAttempts);
        if (attempt == null) {
            throw new InvalidActivationCodeException(0);
        }
        String presented = this.hasher.hash(mobile, code);
        if (CodeHasher.matches(attempt.storedHash(), presented)) {
            if (this.store.consume(mobile, presented)) {
                return;
            }
            throw new InvalidActivationCodeException(0);
        }
        int remaining = maxAttempts - attempt.number();
        if (remaining <= 0) {
            this.store.discard(mobile);
        }
        throw new InvalidActivationCodeException(remaining);
    }

    /**
     * A code as issued.
     *
     * @param code the six digits
     * @param ttl how long they are valid
     */
    public record IssuedCode(String code, Duration ttl) {
    }

}
