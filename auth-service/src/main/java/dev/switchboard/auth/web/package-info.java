/**
 * The HTTP edge of auth-service: problem details, interceptors, OpenAPI.
 */
package dev.switchboard.auth.web;
