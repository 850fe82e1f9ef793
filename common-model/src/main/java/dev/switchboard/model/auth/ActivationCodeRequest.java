package dev.switchboard.model.auth;

/**
 * Asks for an activation code to be sent to a mobile number
 * ({@code POST /api/auth/getcode}).
 *
 * @param mobile the number, in E.164 ({@code +4915112345678}) or in the national format
 * of the service's default region
 */
public record ActivationCodeRequest(String mobile) {

    @Override
    public String toString() {
        return "ActivationCodeRequest[mobile=" + Redact.phone(this.mobile) + "]";
    }

}
