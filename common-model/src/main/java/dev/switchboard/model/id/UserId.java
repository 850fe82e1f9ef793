package dev.switchboard.model.id;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A user, as auth-service numbers them. Written to JSON as a number; read from a number
 * or a numeric string, because the seed's clients send {@code "sendTo": "42"}.
 *
 * @param value the positive numeric id
 */
public record UserId(long value) implements Comparable<UserId> {

    public UserId {
        if (value <= 0) {
            throw new IllegalArgumentException("a user id is a positive number");
        }
    }

    /**
     * Reads a user id from its JSON or text form.
     * @param value the id as a JSON number or a numeric string
     * @return the id
     * @throws IllegalArgumentException if the value is not a positive whole number
     */
    @JsonCreator
    public static UserId of(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return new UserId(((Number) value).longValue());
        }
        if (value instanceof String text) {
            return parse(text);
        }
        throw new IllegalArgumentException("a user id is a number");
    }

    /**
     * Parses a user id from text, such as a path variable.
     * @param text digits only
     * @return the id
     * @throws IllegalArgumentException if the text is not a positive whole number
     */
    public static UserId parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("a user id is a positive whole number");
        }
        return new UserId(Long.parseLong(text));
    }

    @JsonValue
    @Override
    public long value() {
        return this.value;
    }

    @Override
    public int compareTo(UserId other) {
        return Long.compare(this.value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(this.value);
    }

}
