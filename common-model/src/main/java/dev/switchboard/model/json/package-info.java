/**
 * The JSON conventions that every service and client of Switchboard shares.
 */
package dev.switchboard.model.json;
