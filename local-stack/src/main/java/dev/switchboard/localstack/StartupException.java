package dev.switchboard.localstack;

/**
 * A part of the stack did not start; the message says which and where its log is.
 */
public class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }

}
