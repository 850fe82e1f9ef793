package dev.switchboard.model.frame;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The stable codes of {@link ServerFrame.Error}.
 */
public enum ErrorCode {

    /** The frame is not JSON. */
    BAD_JSON("bad_json"),

    /** The frame's {@code type} is missing or unknown. */
    UNKNOWN_TYPE("unknown_type"),

    /** A field is missing or malformed. */
    INVALID_FRAME("invalid_frame"),

    /** The body is longer than the gateway accepts. */
    BODY_TOO_LARGE("body_too_large"),

    /** The session sends faster than it may; the frame was dropped. */
    RATE_LIMITED("rate_limited"),

    /** The frame names a conversation the user is not part of. */
    NOT_A_PARTICIPANT("not_a_participant"),

    /** The recipient of a {@code send} is not a registered user; nothing was sent. */
    UNKNOWN_RECIPIENT("unknown_recipient"),

    /** The message could not be handed to Kafka; resend it under the same client id. */
    SEND_FAILED("send_failed"),

    /** A receipt or read mark could not be handed to Kafka; send it again. */
    RECEIPT_FAILED("receipt_failed");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /**
     * The code as on the wire.
     * @return the code
     */
    @JsonValue
    public String code() {
        return this.code;
    }

}
