package dev.switchboard.auth.code;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.switchboard.auth.AuthProperties;

import org.springframework.stereotype.Component;

/**
 * Reads mobile numbers with libphonenumber: E.164, or the national format of the
 * configured default region.
 */
@Component
public class MobileNumbers {

    private static final int MAX_INPUT_LENGTH = 32;

    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    MobileNumbers(AuthProperties properties) {
        this.defaultRegion = properties.defaultRegion();
    }

    /**
     * Validates and normalizes a number.
     * @param input what the client sent
     * @return the number in E.164
     * @throws InvalidMobileNumberException if it is missing, malformed, or cannot receive
     * SMS
     */
    public MobileNumber parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidMobileNumberException("mobile is required.");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidMobileNumberException("mobile is not a valid phone number.");
        }
        PhoneNumber number;
        try {
            number = this.phoneNumbers.parse(input, this.defaultRegion);
        }
        catch (NumberParseException ex) {
            throw new InvalidMobileNumberException("mobile is not a valid phone number.");
        }
        if (!this.phoneNumbers.isValidNumber(number)) {
            throw new InvalidMobileNumberException("mobile is not a valid phone number.");
        }
        PhoneNumberType type = this.phoneNumbers.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new InvalidMobileNumberException("mobile is not a mobile number that can receive SMS.");
        }
        return new MobileNumber(this.phoneNumbers.format(number, PhoneNumberFormat.E164));
    }

    /**
     * Reads a number from someone's contacts: any valid number, in E.164 or the national
     * format of a region. Never throws and never logs.
     * @param input the number as the contact holds it
     * @param region the region whose national format is accepted
     * @return the number, if it is one
     */
    public Optional<MobileNumber> readContact(String input, String region) {
        if (input == null || input.isBlank() || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = this.phoneNumbers.parse(input, region);
            return this.phoneNumbers.isValidNumber(number)
                    ? Optional.of(new MobileNumber(this.phoneNumbers.format(number, PhoneNumberFormat.E164)))
                    : Optional.empty();
        }
        catch (NumberParseException ex) {
            return Optional.empty();
        }
    }

    /**
     * The region a number belongs to.
     * @param mobile the number
     * @return its ISO 3166 region, or the default region if it has none
     */
    public String regionOf(MobileNumber mobile) {
        try {
            String region = this.phoneNumbers.getRegionCodeForNumber(this.phoneNumbers.parse(mobile.e164(), null));
            return (region == null || "ZZ".equals(region)) ? this.defaultRegion : region;
        }
        catch (NumberParseException ex) {
            return this.defaultRegion;
        }
    }

    /**
     * The region whose national format is accepted when no other is known.
     * @return the configured default region
     */
    public String defaultRegion() {
        return this.defaultRegion;
    }

}
