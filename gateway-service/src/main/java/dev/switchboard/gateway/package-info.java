/**
 * gateway-service: the only public entry of Switchboard.
 */
package dev.switchboard.gateway;
