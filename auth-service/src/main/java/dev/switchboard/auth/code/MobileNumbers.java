package dev.switchboard.auth.code;

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

}
