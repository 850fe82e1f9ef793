package dev.switchboard.history.web;

/**
 * A request parameter that is out of range or malformed; answered 400 with the given
 * code.
 */
public class InvalidRequestException extends RuntimeException {

    private final String code;

    /**
     * Creates an exception.
     * @param code the problem code ({@code invalid-cursor}, {@code invalid-request})
     * @param message what is wrong
     */
    public InvalidRequestException(String code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * The problem code.
     * @return the code
     */
    public String code() {
        return this.code;
    }

}
