package dev.switchboard.model.event;

/**
 * Checks the invariants of contract records, so that an event missing a field fails to
 * read (and is dead-lettered) instead of travelling on half-formed.
 */
final class Require {

    private Require() {
    }

    static <T> T present(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

}
