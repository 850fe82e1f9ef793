/**
 * Contacts: which phone numbers belong to users (limited per caller, so the directory of
 * numbers cannot be walked), and whom a user blocks. Blocks are told to the gateways on
 * {@code AUTH_REVOCATIONS} and answered in the internal user directory; a message from a
 * blocked sender is withheld from its recipient (docs/auth.md, "Contacts").
 */
package dev.switchboard.auth.contact;
