package dev.switchboard.auth.sms;

import dev.switchboard.auth.AuthProperties;
import dev.switchboard.auth.code.MobileNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Sends messages through Twilio's Messages API ({@code POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json}).
 */
class TwilioSmsSender implements SmsSender {

    private static final Logger logger = LoggerFactory.getLogger(TwilioSmsSender.class);

    private final RestClient client;

    private final AuthProperties.Twilio twilio;

    TwilioSmsSender(RestClient.Builder builder, AuthProperties.Twilio twilio) {
        if (isBlank(twilio.accountSid()) || isBlank(twilio.authToken()) || isBlank(twilio.from())) {
            throw new IllegalStateException(
                    "The Twilio SMS sender needs switchboard.auth.sms.twilio.account-sid, " + "auth-token and from");
        }
        this.twilio = twilio;
        this.client = builder.baseUrl(twilio.baseUrl())
            .defaultHeaders((headers) -> headers.setBasicAuth(twilio.accountSid(), twilio.authToken()))
            .build();
    }

    @Override
    public void send(MobileNumber to, String text) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to.e164());
        form.add((this.twilio.from().startsWith("MG") ? "MessagingServiceSid" : "From"), this.twilio.from());
        form.add("Body", text);
        try {
            this.client.post()
                .uri("/2010-04-01/Accounts/{sid}/Messages.json", this.twilio.accountSid())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form)
                .retrieve()
                .toBodilessEntity();
        }
        catch (RestClientResponseException ex) {
            boolean rejected = ex.getStatusCode().is4xxClientError() && ex.getStatusCode().value() != 429;
            logger.warn("Twilio refused an SMS to {}: HTTP {}", to, ex.getStatusCode().value());
            throw new SmsDeliveryException("Twilio answered " + ex.getStatusCode().value(), rejected, ex);
        }
        catch (RestClientException ex) {
            logger.warn("Twilio could not be reached for an SMS to {}: {}", to, ex.getClass().getSimpleName());
            throw new SmsDeliveryException("Twilio could not be reached", false, ex);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

}
