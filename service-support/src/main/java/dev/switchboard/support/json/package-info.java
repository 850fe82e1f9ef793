/**
 * Applies Switchboard's JSON conventions to Spring Boot's own mapper.
 */
package dev.switchboard.support.json;
