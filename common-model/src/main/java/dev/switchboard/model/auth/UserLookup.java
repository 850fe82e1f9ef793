package dev.switchboard.model.auth;

import java.util.List;
import java.util.Objects;

import dev.switchboard.model.id.UserId;

/**
 * What other services ask auth-service's internal user directory: which of these user ids
 * belong to registered users, and whom they block. The gateway asks before it accepts a
 * message for a recipient, history-service before it stores one.
 *
 * @param ids the user ids, 1 to {@value #MAX_IDS}
 */
public record UserLookup(List<UserId> ids) {

    /** The most ids one lookup may name. */
    public static final int MAX_IDS = 500;

    public UserLookup {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_IDS || ids.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("ids are 1 to " + MAX_IDS + " user ids");
        }
        ids = List.copyOf(ids);
    }

    /**
     * The answer: the ids, among those asked about, of registered users, and whom each of
     * them blocks.
     *
     * @param registered the registered ones, in no particular order
     * @param blocks for those asked about who block anyone, whom they block
     */
    public record Answer(List<UserId> registered, List<Blocks> blocks) {

        public Answer {
            registered = (registered != null) ? List.copyOf(registered) : List.of();
            blocks = (blocks != null) ? List.copyOf(blocks) : List.of();
        }

        /**
         * An answer without blocks.
         * @param registered the registered ones
         */
        public Answer(List<UserId> registered) {
            this(registered, List.of());
        }

    }

    /**
     * Whom a user blocks: messages from them to the user are withheld.
     *
     * @param user the user
     * @param blocked whom they block
     */
    public record Blocks(UserId user, List<UserId> blocked) {

        public Blocks {
            Objects.requireNonNull(user, "user");
            blocked = (blocked != null) ? List.copyOf(blocked) : List.of();
        }

    }

}
