package dev.switchboard.gateway.session;

import dev.switchboard.model.frame.ErrorCode;

/**
 * A client frame that cannot be handled; it becomes an {@code error} frame and the
 * session goes on.
 */
class FrameException extends RuntimeException {

    private final ErrorCode code;

    private final String clientMessageId;

    FrameException(ErrorCode code, String message) {
        this(code, message, null);
    }

    FrameException(ErrorCode code, String message, String clientMessageId) {
        super(message);
        this.code = code;
        this.clientMessageId = clientMessageId;
    }

    ErrorCode code() {
        return this.code;
    }

    String clientMessageId() {
        return this.clientMessageId;
    }

}
