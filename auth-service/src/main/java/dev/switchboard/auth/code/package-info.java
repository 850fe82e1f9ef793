/**
 * Activation codes: validated mobile numbers, codes sent by SMS and kept in Redis only as
 * keyed hashes, single use and at most a few wrong attempts each.
 */
package dev.switchboard.auth.code;
