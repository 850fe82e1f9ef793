package dev.switchboard.support.logging;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console encoder of every service: Spring Boot's own line (its pattern, or the
 * structured JSON format when {@code logging.structured.format.console} is set), with
 * every credential taken out by {@link Redaction}, in the message, its arguments, the
 * stack trace and anything else the line holds, whoever logged it (our code, Spring,
 * Reactor Netty, Kafka's clients).
 */
public class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    private String pattern;

    private String structuredFormat;

    private Charset charset = StandardCharsets.UTF_8;

    private Encoder<ILoggingEvent> delegate;

    /**
     * The pattern of a plain line.
     * @param pattern a Logback pattern
     */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /**
     * The structured format (such as {@code ecs} or {@code logstash}); when set, lines
     * are written in it instead of the pattern.
     * @param structuredFormat the format, or empty
     */
    public void setStructuredFormat(String structuredFormat) {
        this.structuredFormat = structuredFormat;
    }

    /**
     * The charset of the lines.
     * @param charset the charset
     */
    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (this.structuredFormat != null && !this.structuredFormat.isBlank()) {
            StructuredLogEncoder structured = new StructuredLogEncoder();
            structured.setContext(getContext());
            structured.setFormat(this.structuredFormat);
            structured.setCharset(this.charset);
            this.delegate = structured;
        }
        else {
            PatternLayoutEncoder plain = new PatternLayoutEncoder();
            plain.setContext(getContext());
            plain.setPattern(this.pattern);
            plain.setCharset(this.charset);
            this.delegate = plain;
        }
        this.delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (this.delegate != null) {
            this.delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return this.delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = this.delegate.encode(event);
        String text = new String(line, this.charset);
        String redacted = Redaction.redact(text);
        return (redacted == text) ? line : redacted.getBytes(this.charset);
    }

    @Override
    public byte[] footerBytes() {
        return this.delegate.footerBytes();
    }

}
