package dev.switchboard.history.web;

/**
 * Nothing the caller may see is there; answered 404. A conversation that exists but is
 * not the caller's is not there, as far as the caller can tell.
 */
public class NotFoundException extends RuntimeException {

    /**
     * Creates an exception.
     * @param message what was not found
     */
    public NotFoundException(String message) {
        super(message);
    }

}
