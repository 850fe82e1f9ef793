package dev.switchboard.auth.contact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.auth.code.MobileNumber;
import dev.switchboard.auth.code.MobileNumbers;
import dev.switchboard.auth.user.UserRepository;
import dev.switchboard.model.id.UserId;
import dev.switchboard.support.ratelimit.RateLimiter;

import org.springframework.stereotype.Service;

/**
 * Which phone numbers belong to users. Numbers are read in the caller's own region (the
 * region of the caller's number), so a contact saved in national format works. Every
 * number asked about counts against the caller's hourly and daily limits before anything
 * is looked up, so the directory cannot be walked; a number that is not registered (or
 * cannot be read) is absent from the answer, so nothing is learnt beyond membership. No
 * number is logged.
 */
@Service
class ContactLookup {

    /** The most numbers one lookup may name. */
    static final int MAX_NUMBERS = 500;

    private final MobileNumbers numbers;

    private final UserRepository users;

    private final RateLimiter limiter;

    private final AuthProperties.Contacts limits;

    ContactLookup(MobileNumbers numbers, UserRepository users, RateLimiter limiter, AuthProperties properties) {
        this.numbers = numbers;
        this.users = users;
        this.limiter = limiter;
        this.limits = properties.contacts();
    }

    /**
     * Looks numbers up.
     * @param caller who asks
     * @param requested the numbers, as the caller's contacts hold them
     * @return one entry per registered number, in the order asked
     */
    List<Contact> lookUp(UserId caller, List<String> requested) {
        if (requested == null || requested.isEmpty() || requested.size() > MAX_NUMBERS
                || requested.stream().anyMatch(Objects::isNull)) {
            throw ContactProblems.invalid("numbers are 1 to " + MAX_NUMBERS + " phone numbers.");
        }
        String subject = caller.toString();
        this.limiter.acquire("contacts-lookup-hour", subject, this.limits.lookupsPerHour(), requested.size());
        this.limiter.acquire("contacts-lookup-day", subject, this.limits.lookupsPerDay(), requested.size());
        String region = this.users.findById(caller)
            .map((user) -> this.numbers.regionOf(user.mobile()))
            .orElseGet(this.numbers::defaultRegion);
        Map<String, MobileNumber> read = new LinkedHashMap<>();
        for (String number : requested) {
            this.numbers.readContact(number, region).ifPresent((mobile) -> read.putIfAbsent(number, mobile));
        }
        Map<MobileNumber, UserId> registered = this.users.findByMobiles(read.values());
        List<Contact> contacts = new ArrayList<>();
        read.forEach((number, mobile) -> {
            UserId user = registered.get(mobile);
            if (user != null) {
                contacts.add(new Contact(number, mobile.e164(), user));
            }
        });
        return contacts;
    }

    /**
     * A registered number.
     *
     * @param number the number as it was asked about
     * @param mobile the number in E.164
     * @param userId its user
     */
    record Contact(String number, String mobile, UserId userId) {
    }

}
