/**
 * Redis client behaviour shared by every service.
 */
package dev.switchboard.support.redis;
