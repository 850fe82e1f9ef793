/**
 * Spring infrastructure that every Switchboard service shares, applied by
 * auto-configuration: nothing here knows a service's domain.
 */
package dev.switchboard.support;
