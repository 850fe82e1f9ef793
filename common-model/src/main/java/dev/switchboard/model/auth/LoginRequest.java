package dev.switchboard.model.auth;

/**
 * Exchanges an activation code for an access token ({@code POST /api/auth/login}).
 *
 * @param mobile the number the code was sent to
 * @param activationCode the six-digit code
 */
public record LoginRequest(String mobile, String activationCode) {

    @Override
    public String toString() {
        return "LoginRequest[mobile=" + Redact.phone(this.mobile) + ", activationCode="
                + Redact.secret(this.activationCode) + "]";
    }

}
