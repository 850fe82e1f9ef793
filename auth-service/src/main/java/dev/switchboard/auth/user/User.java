package dev.switchboard.auth.user;

import java.time.Instant;

import dev.switchboard.auth.code.MobileNumber;
import dev.switchboard.model.id.UserId;

/**
 * A user.
 *
 * @param id the user's id
 * @param mobile the user's number
 * @param createdAt when the user first logged in
 */
public record User(UserId id, MobileNumber mobile, Instant createdAt) {
}
