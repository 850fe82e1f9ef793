package dev.switchboard.model;

/**
 * Checks the invariants of contract records, so that an event or frame missing a field
 * fails to read (and is dead-lettered, or answered with an error frame) instead of
 * travelling on half-formed.
 */
public final class Require {

    private Require() {
    }

    /**
     * Requires a value.
     * @param <T> the value's type
     * @param value the value
     * @param name its name, for the message
     * @return the value
     * @throws IllegalArgumentException if it is null
     */
    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /**
     * Requires a text that is not blank.
     * @param value the text
     * @param name its name, for the message
     * @return the text
     * @throws IllegalArgumentException if it is null or blank
     */
    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

}
