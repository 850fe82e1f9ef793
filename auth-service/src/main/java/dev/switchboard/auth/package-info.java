/**
 * auth-service: activation codes for a mobile number, users, and access tokens.
 */
package dev.switchboard.auth;
