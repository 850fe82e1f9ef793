/**
 * Login, logout and the caller's own account: the seed's {@code /api/auth/login} and what
 * a client does with its token afterwards.
 */
package dev.switchboard.auth.login;
