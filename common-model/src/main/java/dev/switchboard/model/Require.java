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
     * Requires a text that is not blank and that every store can keep as it is.
     * @param value the text
     * @param name its name, for the message
     * @return the text
     * @throws IllegalArgumentException if it is null or blank, or holds a character that
     * cannot be stored (see {@link #storable(String, String)})
     */
    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return storable(value, name);
    }

    /**
     * Requires a text that PostgreSQL (and any UTF-8 store) can keep unchanged: no NUL
     * character (PostgreSQL refuses it in {@code text}, failing the whole statement) and
     * no unpaired UTF-16 surrogate (it has no UTF-8 form, and drivers silently replace
     * it). Every text field of the contract is checked, so such a text is refused where
     * it enters (an error frame at the gateway, a dead letter at a consumer), never in
     * the middle of a batch.
     * @param value the text, or {@code null}
     * @param name its name, for the message
     * @return the text
     * @throws IllegalArgumentException if it holds such a character
     */
    public static String storable(String value, String name) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException(name + " holds a NUL character (U+0000), which cannot be stored");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                }
                else {
                    throw new IllegalArgumentException(
                            name + " holds an unpaired surrogate (not a Unicode character), which cannot be stored");
                }
            }
        }
        return value;
    }

}
