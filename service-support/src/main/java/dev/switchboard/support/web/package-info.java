/**
 * RFC 9457 problem details in one shape for every service.
 */
package dev.switchboard.support.web;
