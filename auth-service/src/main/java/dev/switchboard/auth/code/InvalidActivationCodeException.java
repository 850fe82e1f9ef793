package dev.switchboard.auth.code;

/**
 * The presented code is wrong, expired, used, or void after too many wrong attempts;
 * answered 401.
 */
public class InvalidActivationCodeException extends RuntimeException {

    private final int attemptsRemaining;

    InvalidActivationCodeException(int attemptsRemaining) {
        super((attemptsRemaining > 0) ? "The activation code is wrong."
                : "The activation code is wrong, expired or used. Request a new one.");
        this.attemptsRemaining = attemptsRemaining;
    }

    /**
     * Wrong attempts left before the code is void; 0 when there is no valid code.
     * @return the attempts
     */
    public int attemptsRemaining() {
        return this.attemptsRemaining;
    }

}
