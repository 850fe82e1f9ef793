package dev.switchboard.support.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of a text before it is written anywhere: the values of query
 * parameters and JSON fields that carry tokens or tickets ({@code accessToken},
 * {@code access_token}, {@code token}, {@code ticket}), and bearer credentials. A client
 * may put a token in a URL (the seed design's {@code ?accessToken=}, a browser's
 * {@code ?ticket=}), and any library that logs a request or an error may print that URL.
 */
public final class Redaction {

    /** What stands in for a removed value. */
    public static final String REDACTED = "[redacted]";

    // name=value in a query string or form; "name":"value" in JSON; Bearer <credential>.
    private static final Pattern CREDENTIAL = Pattern
        .compile("(?i)(\\b(?:access_?token|token|ticket)(?:=|%3D))[^&\\s\"'#<>]+"
                + "|(\"(?:access_?token|token|ticket)\"\\s*:\\s*\")[^\"]*" + "|(\\bbearer\\s+)[A-Za-z0-9._~+/=-]+");

    private Redaction() {
    }

    /**
     * The text with every credential in it replaced by {@value #REDACTED}.
     * @param text the text, or {@code null}
     * @return the redacted text, the same instance if there was nothing to redact
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = CREDENTIAL.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder redacted = new StringBuilder(text.length());
        do {
            int prefix = (matcher.group(1) != null) ? 1 : (matcher.group(2) != null) ? 2 : 3;
            matcher.appendReplacement(redacted, Matcher.quoteReplacement(matcher.group(prefix) + REDACTED));
        }
        while (matcher.find());
        matcher.appendTail(redacted);
        return redacted.toString();
    }

}
