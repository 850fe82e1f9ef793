/**
 * Users: one per mobile number, created at their first login.
 */
package dev.switchboard.auth.user;
