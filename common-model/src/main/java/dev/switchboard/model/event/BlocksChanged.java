package dev.switchboard.model.event;

import java.time.Instant;

import dev.switchboard.model.Require;
import dev.switchboard.model.id.UserId;

/**
 * A user blocked or unblocked someone (on {@code AUTH_REVOCATIONS}, next to token
 * revocations: both take a permission away). Gateways forget what they remembered of the
 * user's blocks, so the change holds for the next message.
 *
 * @param userId who blocked or unblocked
 * @param changedAt when
 */
public record BlocksChanged(UserId userId, Instant changedAt) implements SwitchboardEvent {

    /** The value of the {@code type} property. */
    public static final String TYPE = "contact.blocks-changed";

    public BlocksChanged {
        Require.present(userId, "userId");
        Require.present(changedAt, "changedAt");
    }

}
