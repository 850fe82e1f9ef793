package dev.switchboard.authclient;

/**
 * Reads the token out of an {@code Authorization: Bearer <token>} header.
 */
public final class BearerToken {

    private static final String PREFIX = "bearer ";

    private BearerToken() {
    }

    /**
     * The token of an Authorization header.
     * @param header the header's value, may be null
     * @return the token, or {@code null} if the header is absent or not a bearer header
     */
    public static String fromHeader(String header) {
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return null;
        }
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() ? null : token;
    }

}
