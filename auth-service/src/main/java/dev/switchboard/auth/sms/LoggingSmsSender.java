package dev.switchboard.auth.sms;

import dev.switchboard.auth.code.MobileNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For local runs: says that a message would have gone out, with the number masked and
 * without the text, which holds the code. Demos read the code from the {@code getcode}
 * answer instead ({@code switchboard.auth.expose-code}).
 */
class LoggingSmsSender implements SmsSender {

    private static final Logger logger = LoggerFactory.getLogger(LoggingSmsSender.class);

    @Override
    public void send(MobileNumber to, String text) {
        logger.info("SMS to {} not sent: the logging SMS sender is configured ({} characters)", to, text.length());
    }

}
