/**
 * The HTTP edge of history-service: cursors, page sizes, problem details, OpenAPI.
 */
package dev.switchboard.history.web;
