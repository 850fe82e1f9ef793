package dev.switchboard.auth.sms;

import java.net.http.HttpClient;

import dev.switchboard.auth.AuthProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Chooses the SMS sender that {@code switchboard.auth.sms.provider} names.
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

    @Bean
    SmsSender smsSender(AuthProperties properties, RestClient.Builder restClient) {
        AuthProperties.Sms sms = properties.sms();
        return switch (sms.provider()) {
            case LOG -> new LoggingSmsSender();
            case TWILIO -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(sms.twilio().timeout()).build();
                JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
                requests.setReadTimeout(sms.twilio().timeout());
                yield new TwilioSmsSender(restClient.clone().requestFactory(requests), sms.twilio());
            }
        };
    }

}
