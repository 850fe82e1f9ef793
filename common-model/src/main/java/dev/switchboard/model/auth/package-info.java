/**
 * The records of the authentication API ({@code /api/auth}), kept compatible with the
 * seed design's clients.
 */
package dev.switchboard.model.auth;
