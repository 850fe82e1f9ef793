/**
 * The contract shared by every Switchboard service: events, frames, REST records, topic
 * names, ids and JSON conventions. No Spring beans and no I/O live here.
 */
package dev.switchboard.model;
