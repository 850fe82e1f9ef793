/**
 * Real engines for the tests of every module, each started at most once per test JVM:
 * Kafka (spring-kafka-test's KRaft broker), PostgreSQL (zonky) and Redis
 * (embedded-redis), or the machine's own PostgreSQL and Redis where an environment
 * variable opts in.
 */
package dev.switchboard.test;
