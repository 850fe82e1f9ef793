package dev.switchboard.auth.contact;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.auth.user.UserRepository;
import dev.switchboard.model.Topics;
import dev.switchboard.model.event.BlocksChanged;
import dev.switchboard.model.id.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Blocking and unblocking. A change is stored, then told to the gateways
 * ({@link BlocksChanged} on {@code AUTH_REVOCATIONS}), which forget what they remembered
 * of the user's blocks: the next message holds to the change. If Kafka does not take the
 * event, the change still holds once the gateways' memory of it runs out
 * ({@code switchboard.auth-client.users.blocks-ttl}, 60 s).
 */
@Service
class Blocks {

    private static final Logger logger = LoggerFactory.getLogger(Blocks.class);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);

    private final BlockRepository blocks;

    private final UserRepository users;

    private final KafkaTemplate<Object, Object> kafka;

    private final Clock clock;

    private final int maxBlocked;

    Blocks(BlockRepository blocks, UserRepository users, KafkaTemplate<Object, Object> kafka, Clock clock,
            AuthProperties properties) {
        this.blocks = blocks;
        this.users = users;
        this.kafka = kafka;
        this.clock = clock;
        this.maxBlocked = properties.contacts().maxBlocked();
    }

    List<UserId> blockedBy(UserId user) {
        return this.blocks.blockedBy(user);
    }

    void block(UserId caller, UserId target) {
        if (caller.equals(target)) {
            throw ContactProblems.invalid("A user cannot block themselves.");
        }
        if (this.users.findById(target).isEmpty()) {
            throw ContactProblems.notFound("No user has the id " + target + ".");
        }
        if (this.blocks.add(caller, target, this.maxBlocked)) {
            changed(caller);
        }
    }

    void unblock(UserId caller, UserId target) {
        if (this.blocks.remove(caller, target)) {
            changed(caller);
        }
    }

    private void changed(UserId user) {
        try {
            this.kafka.send(Topics.AUTH_REVOCATIONS, user.toString(), new BlocksChanged(user, this.clock.instant()))
                .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            logger.warn("The blocks of user {} changed, but the gateways learn of it only when their memory of "
                    + "them runs out: {}", user, ex.toString());
        }
    }

}
