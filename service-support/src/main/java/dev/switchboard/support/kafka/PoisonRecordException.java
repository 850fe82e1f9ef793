package dev.switchboard.support.kafka;

/**
 * A record that no retry can process (it is malformed, or breaks the contract). The error
 * handler dead-letters it at once.
 */
public class PoisonRecordException extends RuntimeException {

    /**
     * Creates an exception.
     * @param message what is wrong with the record
     * @param cause the failure, if any
     */
    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

}
