package dev.switchboard.auth.sms;

import dev.switchboard.auth.code.MobileNumber;

/**
 * Sends a text message.
 */
public interface SmsSender {

    /**
     * Sends a message and returns once the provider accepted it.
     * @param to the recipient
     * @param text the text (it holds a secret: implementations never log it)
     * @throws SmsDeliveryException if the provider did not accept it
     */
    void send(MobileNumber to, String text);

}
