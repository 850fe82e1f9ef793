package dev.switchboard.auth.code;

/**
 * A valid mobile number in E.164. Its {@link #toString()} is masked, so that a number
 * that ends up in a log line by accident is not the whole number.
 *
 * @param e164 the number, such as {@code +14155552671}
 */
public record MobileNumber(String e164) {

    /**
     * The number with all but its first four and last two characters hidden.
     * @return for example {@code +141******71}
     */
    public String masked() {
        int visibleEnd = 2;
        int visibleStart = Math.min(4, Math.max(0, this.e164.length() - visibleEnd - 4));
        return this.e164.substring(0, visibleStart) + "*".repeat(this.e164.length() - visibleStart - visibleEnd)
                + this.e164.substring(this.e164.length() - visibleEnd);
    }

    @Override
    public String toString() {
        return masked();
    }

}
