package dev.switchboard.history.fence;

/**
 * history-service has not yet stored everything Kafka accepted before the request, within
 * the time the request may wait. Answered 503 with {@code Retry-After}: the client asks
 * again shortly, and never gets an answer that might miss a message.
 */
public class CatchingUpException extends RuntimeException {

    CatchingUpException(String message) {
        super(message);
    }

    CatchingUpException(String message, Throwable cause) {
        super(message, cause);
    }

}
