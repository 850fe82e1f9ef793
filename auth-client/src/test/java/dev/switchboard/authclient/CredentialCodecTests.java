package dev.switchboard.authclient;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import dev.switchboard.model.id.UserId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialCodecTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void roundTripsACachedCredential() {
        AuthenticatedUser user = new AuthenticatedUser(new UserId(42), 7, NOW.plusSeconds(3600));

        assertThat(CachedCredential.decode(CachedCredential.encode(user))).isEqualTo(user);
    }

    @Test
    void readsNothingFromValuesItDidNotWrite() {
        assertThat(CachedCredential.decode("42")).isNull();
        assertThat(CachedCredential.decode("v2|42|7|1")).isNull();
        assertThat(CachedCredential.decode("v1|x|7|1")).isNull();
        assertThat(CachedCredential.decode("v1|0|7|1")).isNull();
        assertThat(CachedCredential.decode(null)).isNull();
    }

    @Test
    void cachesNoLongerThanTheCredentialLives() {
        AuthenticatedUser user = new AuthenticatedUser(new UserId(42), 7, NOW.plusSeconds(90));

        assertThat(CachedCredential.timeToLive(user, NOW, Duration.ofDays(1))).isEqualTo(Duration.ofSeconds(90));
        assertThat(CachedCredential.timeToLive(user, NOW, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(CachedCredential.timeToLive(user, NOW.plusSeconds(91), Duration.ofDays(1))).isZero();
    }

    @Test
    void keysCarryTheDigestNeverTheSecret() {
        String token = Secrets.generate(new SecureRandom());

        assertThat(CachedCredential.tokenKey(token)).startsWith("auth:token:").doesNotContain(token);
        assertThat(CachedCredential.ticketKey(token)).startsWith("auth:ticket:").doesNotContain(token);
        assertThat(CachedCredential.tokenKey(token)).isEqualTo(CachedCredential.tokenKey(token))
            .isEqualTo(CachedCredential.tokenKeyOfDigest(Secrets.digest(token)));
    }

    @Test
    void generatesWellFormed256BitSecrets() {
        SecureRandom random = new SecureRandom();
        String one = Secrets.generate(random);

        assertThat(one).hasSize(43);
        assertThat(Secrets.isWellFormed(one)).isTrue();
        assertThat(Secrets.generate(random)).isNotEqualTo(one);
        assertThat(Secrets.isWellFormed(one + "=")).isFalse();
        assertThat(Secrets.isWellFormed("3f0c2d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f")).isFalse();
        assertThat(Secrets.digest(one)).hasSize(32);
    }

    @Test
    void readsBearerHeaders() {
        assertThat(BearerToken.fromHeader("Bearer abc")).isEqualTo("abc");
        assertThat(BearerToken.fromHeader("bearer  abc ")).isEqualTo("abc");
        assertThat(BearerToken.fromHeader("Basic abc")).isNull();
        assertThat(BearerToken.fromHeader("Bearer ")).isNull();
        assertThat(BearerToken.fromHeader(null)).isNull();
    }

}
