/**
 * Typed identifiers, where a mix-up of two plain values would be a bug.
 */
package dev.switchboard.model.id;
