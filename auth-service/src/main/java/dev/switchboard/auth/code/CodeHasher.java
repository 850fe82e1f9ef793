package dev.switchboard.auth.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.switchboard.auth.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Hashes activation codes with HMAC-SHA256 under a server key, bound to their number. A
 * plain hash of a six-digit code could be reversed by trying all million codes; a keyed
 * one cannot without the key.
 */
@Component
class CodeHasher {

    private static final Logger logger = LoggerFactory.getLogger(CodeHasher.class);

    private final SecretKeySpec key;

    CodeHasher(AuthProperties properties, SecureRandom random) {
        String secret = properties.code().secret();
        byte[] keyBytes;
        if (secret == null || secret.isBlank()) {
            logger.warn("switchboard.auth.code.secret is not set: this instance made up its own key, so its codes "
                    + "cannot be checked by other instances or after a restart");
            keyBytes = new byte[32];
            random.nextBytes(keyBytes);
        }
        else {
            keyBytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(keyBytes, "HmacSHA256");
    }

    String hash(MobileNumber mobile, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(this.key);
            byte[] digest = mac.doFinal((mobile.e164() + ":" + code).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", ex);
        }
    }

    /**
     * Compares two hashes in time that does not depend on where they differ.
     */
    static boolean matches(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

}
