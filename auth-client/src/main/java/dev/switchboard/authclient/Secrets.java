package dev.switchboard.authclient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Access tokens and WebSocket tickets: 256 random bits in base64url, known to the servers
 * only by their SHA-256 digest.
 */
public final class Secrets {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {
    }

    /**
     * A new secret.
     * @param random the source of randomness
     * @return 256 random bits, base64url without padding (43 characters)
     */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Whether a presented value can be a secret at all; anything else is rejected without
     * a look-up.
     * @param candidate the presented value
     * @return true if it has the form of a secret
     */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    /**
     * The SHA-256 digest of a secret: what the servers store and look up.
     * @param secret the secret
     * @return 32 bytes
     */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every JVM", ex);
        }
    }

    /**
     * The digest of a secret as text, for Redis keys.
     * @param secret the secret
     * @return the base64url digest
     */
    public static String digestText(String secret) {
        return ENCODER.encodeToString(digest(secret));
    }

}
