package dev.switchboard.model.auth;

/**
 * Keeps secrets and phone numbers out of {@code toString()}, and so out of any log line
 * that prints a record by accident (a debug log of a request body, say).
 */
final class Redact {

    private Redact() {
    }

    static String secret(String value) {
        return (value == null) ? "null" : "[hidden]";
    }

    static String phone(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= 6) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 4) + "*".repeat(value.length() - 6) + value.substring(value.length() - 2);
    }

}
