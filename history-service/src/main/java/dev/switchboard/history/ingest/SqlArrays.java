package dev.switchboard.history.ingest;

import java.util.Collection;
import java.util.UUID;

import org.springframework.jdbc.support.SqlArrayValue;

/**
 * PostgreSQL array parameters, so that one statement writes a whole batch
 * ({@code SELECT ... FROM unnest(:a, :b, ...)}).
 */
final class SqlArrays {

    private SqlArrays() {
    }

    static SqlArrayValue bigints(Collection<Long> values) {
        return new SqlArrayValue("int8", (Object[]) values.toArray(new Long[0]));
    }

    static SqlArrayValue texts(Collection<String> values) {
        return new SqlArrayValue("text", (Object[]) values.toArray(new String[0]));
    }

    static SqlArrayValue uuids(Collection<UUID> values) {
        return new SqlArrayValue("uuid", (Object[]) values.toArray(new UUID[0]));
    }

    static SqlArrayValue ints(Collection<Integer> values) {
        return new SqlArrayValue("int4", (Object[]) values.toArray(new Integer[0]));
    }

    static SqlArrayValue booleans(Collection<Boolean> values) {
        return new SqlArrayValue("bool", (Object[]) values.toArray(new Boolean[0]));
    }

}
