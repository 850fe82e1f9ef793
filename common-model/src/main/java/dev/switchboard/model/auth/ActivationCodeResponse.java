package dev.switchboard.model.auth;

/**
 * Says that a code is on its way ({@code 202 Accepted}).
 *
 * @param mobile the number the code was sent to, in E.164
 * @param expiresInSeconds how long the code stays valid
 * @param activationCode the code itself: only where the service exposes codes (local runs
 * and demos, as the seed did); absent in production
 */
public record ActivationCodeResponse(String mobile, long expiresInSeconds, String activationCode) {

    @Override
    public String toString() {
        return "ActivationCodeResponse[mobile=" + Redact.phone(this.mobile) + ", expiresInSeconds="
                + this.expiresInSeconds + ", activationCode=" + Redact.secret(this.activationCode) + "]";
    }

}
