package dev.switchboard.support.kafka;

/**
 * A failure that will pass (a store or the broker is unavailable for now). The error
 * handler retries the records that met it until it passes, however long that takes:
 * nothing is dead-lettered because a dependency was down.
 */
public class TransientFailureException extends RuntimeException {

    /**
     * Creates an exception.
     * @param message what failed
     * @param cause the failure
     */
    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }

}
