package dev.switchboard.model.id;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A conversation. A direct (one-to-one) conversation's id is derived from its two
 * participants, {@code dm-<lower user id>-<higher user id>}, so every service finds the
 * same conversation, and its participants, from the id alone.
 *
 * @param value the text form
 */
public record ConversationId(String value) {

    private static final Pattern DIRECT = Pattern.compile("dm-([1-9][0-9]{0,17})-([1-9][0-9]{0,17})");

    public ConversationId {
        if (value == null) {
            throw new IllegalArgumentException("a conversation id is required");
        }
        Matcher matcher = DIRECT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a conversation id");
        }
        long low = Long.parseLong(matcher.group(1));
        long high = Long.parseLong(matcher.group(2));
        if (low > high) {
            throw new IllegalArgumentException("not a conversation id");
        }
    }

    /**
     * The direct conversation between two users (a user may write to themself).
     * @param one a participant
     * @param other the other participant
     * @return the conversation id, the same whichever order the users come in
     */
    public static ConversationId direct(UserId one, UserId other) {
        UserId low = (one.compareTo(other) <= 0) ? one : other;
        UserId high = (low == one) ? other : one;
        return new ConversationId("dm-" + low.value() + "-" + high.value());
    }

    /**
     * Parses a conversation id.
     * @param text the text form
     * @return the id
     * @throws IllegalArgumentException if the text is not a conversation id
     */
    @JsonCreator
    public static ConversationId parse(String text) {
        return new ConversationId(text);
    }

    /**
     * The participant with the lower user id.
     * @return the participant
     */
    public UserId first() {
        return UserId.parse(this.value.substring(3, this.value.lastIndexOf('-')));
    }

    /**
     * The participant with the higher user id.
     * @return the participant
     */
    public UserId second() {
        return UserId.parse(this.value.substring(this.value.lastIndexOf('-') + 1));
    }

    /**
     * Whether the user takes part in this conversation.
     * @param user the user
     * @return true for either participant
     */
    public boolean hasParticipant(UserId user) {
        return first().equals(user) || second().equals(user);
    }

    /**
     * The other participant, seen from one participant.
     * @param participant one participant
     * @return the other one (the same user in a conversation with oneself)
     * @throws IllegalArgumentException if the user does not take part
     */
    public UserId peerOf(UserId participant) {
        UserId first = first();
        UserId second = second();
        if (first.equals(participant)) {
            return second;
        }
        if (second.equals(participant)) {
            return first;
        }
        throw new IllegalArgumentException("not a participant");
    }

    @JsonValue
    @Override
    public String toString() {
        return this.value;
    }

}
