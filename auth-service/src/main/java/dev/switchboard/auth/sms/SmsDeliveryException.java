package dev.switchboard.auth.sms;

/**
 * The SMS provider did not take a message.
 */
public class SmsDeliveryException extends RuntimeException {

    private final boolean rejected;

    SmsDeliveryException(String message, boolean rejected, Throwable cause) {
        super(message, cause);
        this.rejected = rejected;
    }

    /**
     * Whether the provider refused this message for good (a number it cannot reach), as
     * opposed to failing for now.
     * @return true for a refusal
     */
    public boolean isRejected() {
        return this.rejected;
    }

}
