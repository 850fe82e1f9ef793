/**
 * How activation codes reach phones: a logging sender for local runs and Twilio's
 * Messages API for real ones, chosen by {@code switchboard.auth.sms.provider}.
 */
package dev.switchboard.auth.sms;
