package dev.switchboard.authclient;

import java.util.Set;

import dev.switchboard.model.id.UserId;

/**
 * What the user directory knows of a user as a recipient.
 *
 * @param registered whether the id belongs to a registered user
 * @param blocked whom the user blocks: messages from them are withheld from the user
 */
public record Recipient(boolean registered, Set<UserId> blocked) {

    /** An id that belongs to nobody. */
    public static final Recipient UNKNOWN = new Recipient(false, Set.of());

    /** A registered user who blocks nobody. */
    public static final Recipient OPEN = new Recipient(true, Set.of());

    public Recipient {
        blocked = Set.copyOf(blocked);
    }

    /**
     * Whether this user blocks a sender.
     * @param sender the sender
     * @return true if messages from the sender are withheld from this user
     */
    public boolean blocks(UserId sender) {
        return !this.blocked.isEmpty() && this.blocked.contains(sender);
    }

}
