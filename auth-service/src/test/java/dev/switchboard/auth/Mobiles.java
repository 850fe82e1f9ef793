package dev.switchboard.auth;

import java.util.concurrent.ThreadLocalRandom;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Object mother for mobile numbers: a valid, unused one for every test, so that tests
 * never share codes, rate limits or users.
 */
public final class Mobiles {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Mobiles() {
    }

    /**
     * A fresh valid mobile number in E.164 (US, where mobile and fixed lines share
     * ranges).
     * @return the number
     */
    public static String next() {
        while (true) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String candidate = "+1650" + (2 + random.nextInt(8)) + String.format("%06d", random.nextInt(1_000_000));
            try {
                PhoneNumber number = PHONES.parse(candidate, "US");
                if (PHONES.isValidNumber(number)) {
                    return candidate;
                }
            }
            catch (Exception ex) {
                // try another
            }
        }
    }

    /**
     * A fresh client address, so that per-address limits of one test do not touch
     * another.
     * @return an IPv4 address in 10.0.0.0/8
     */
    public static String nextAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

}
