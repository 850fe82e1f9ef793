package dev.switchboard.auth;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Object mother for mobile numbers: a valid, unused one for every test, so that tests
 * never share codes, rate limits or users.
 */
public final class Mobiles {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    // Counters from a random start: unique within a test JVM (a random pick now and then
    // met a number or an address that a rate-limit test had used up), and unlike those of
    // an earlier run against a shared Redis.
    private static final AtomicInteger NUMBERS = new AtomicInteger(ThreadLocalRandom.current().nextInt(7_000_000));

    private static final AtomicInteger ADDRESSES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1 << 22));

    private Mobiles() {
    }

    /**
     * A fresh valid mobile number in E.164 (US, where mobile and fixed lines share
     * ranges).
     * @return the number
     */
    public static String next() {
        while (true) {
            int n = NUMBERS.getAndIncrement();
            String candidate = "+1650" + (2 + (n / 1_000_000) % 8) + String.format("%06d", n % 1_000_000);
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
        int n = ADDRESSES.getAndIncrement();
        int network = n / 254;
        return "10." + ((network >>> 8) & 0xff) + "." + (network & 0xff) + "." + (1 + n % 254);
    }

}
