package dev.switchboard.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.switchboard.model.Topics;
import dev.switchboard.model.event.TokenRevoked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Completes revocations: marks the token revoked in Redis (which removes its cache entry,
 * keeps it from being cached again and voids its WebSocket tickets) and puts a
 * {@link TokenRevoked} event on Kafka, so the gateways close the token's sockets. Logout
 * tries at once; what fails (Redis or Kafka down) stays pending in the database and is
 * retried here until it succeeds. Several instances may both complete one revocation: the
 * event is idempotent.
 */
@Component
class RevocationPublisher {

    private static final Logger logger = LoggerFactory.getLogger(RevocationPublisher.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final TokenRepository tokens;

    private final TokenCache cache;

    private final KafkaTemplate<Object, Object> kafka;

    private final Clock clock;

    RevocationPublisher(TokenRepository tokens, TokenCache cache, KafkaTemplate<Object, Object> kafka, Clock clock) {
        this.tokens = tokens;
        this.cache = cache;
        this.kafka = kafka;
        this.clock = clock;
    }

    /**
     * Tries to complete one revocation now.
     * @return true if it is complete
     */
    boolean complete(TokenRepository.PendingRevocation revocation) {
        try {
            this.cache.revoke(revocation.tokenId(), revocation.digest(), revocation.expiresAt());
            TokenRevoked event = new TokenRevoked(revocation.tokenId(), revocation.userId(), revocation.revokedAt());
            this.kafka.send(Topics.AUTH_REVOCATIONS, revocation.userId().toString(), event)
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            this.tokens.markRevocationCompleted(revocation.tokenId(), this.clock.instant());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (Exception ex) {
            logger.warn("Revocation of token {} stays pending: {}", revocation.tokenId(), ex.toString());
            return false;
        }
    }

    @Scheduled(fixedDelayString = "${switchboard.auth.revocation-retry-interval:5s}")
    void completePending() {
        for (TokenRepository.PendingRevocation revocation : this.tokens.findPendingRevocations(100)) {
            if (!complete(revocation)) {
                return;
            }
        }
    }

}
