package dev.switchboard.auth.login;

import java.util.regex.Pattern;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.auth.code.ActivationCodes;
import dev.switchboard.auth.code.InvalidActivationCodeException;
import dev.switchboard.auth.code.MobileNumber;
import dev.switchboard.auth.code.MobileNumbers;
import dev.switchboard.support.ratelimit.RateLimiter;
import dev.switchboard.auth.token.AccessTokens;
import dev.switchboard.auth.user.User;
import dev.switchboard.auth.user.UserRepository;
import dev.switchboard.model.auth.LoginResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Exchanges a valid activation code for an access token, creating the user at the first
 * login.
 */
@Service
class Logins {

    private static final Logger logger = LoggerFactory.getLogger(Logins.class);

    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final MobileNumbers mobileNumbers;

    private final ActivationCodes codes;

    private final UserRepository users;

    private final AccessTokens tokens;

    private final RateLimiter limiter;

    private final AuthProperties properties;

    private final Counter succeeded;

    private final Counter failed;

    Logins(MobileNumbers mobileNumbers, ActivationCodes codes, UserRepository users, AccessTokens tokens,
            RateLimiter limiter, AuthProperties properties, MeterRegistry meters) {
        this.mobileNumbers = mobileNumbers;
        this.codes = codes;
        this.users = users;
        this.tokens = tokens;
        this.limiter = limiter;
        this.properties = properties;
        this.succeeded = Counter.builder("switchboard.auth.logins")
            .description("Login attempts by outcome")
            .tag("outcome", "success")
            .register(meters);
        this.failed = Counter.builder("switchboard.auth.logins")
            .description("Login attempts by outcome")
            .tag("outcome", "invalid-code")
            .register(meters);
    }

    LoginResponse login(String rawMobile, String code) {
        MobileNumber mobile = this.mobileNumbers.parse(rawMobile);
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidLoginRequestException("activationCode must be the six digits that were sent.");
        }
        this.limiter.acquire("login-mobile", mobile.e164(), this.properties.rateLimits().loginPerMobile());
        try {
            this.codes.redeem(mobile, code);
        }
        catch (InvalidActivationCodeException ex) {
            this.failed.increment();
            logger.info("Login for {} refused: wrong, expired or used code", mobile);
            throw ex;
        }
        User user = this.users.findOrCreate(mobile);
        AccessTokens.IssuedToken issued = this.tokens.issue(user.id());
        this.succeeded.increment();
        logger.info("User {} logged in", user.id());
        return LoginResponse.bearer(issued.token(), issued.credential().expiresAt(), user.id());
    }

}
