package dev.switchboard.auth.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.auth.code.MobileNumber;
import dev.switchboard.model.id.UserId;

import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users in PostgreSQL ({@code auth.app_user}).
 */
@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The user of a number, created if there is none. Two concurrent first logins of one
     * number get the same user: the unique number makes the second insert a no-op, and
     * the second statement (with a fresh snapshot) reads the row the first one committed.
     * @param mobile the number
     * @return the user
     */
    public User findOrCreate(MobileNumber mobile) {
        Optional<User> created = this.jdbc
            .sql("INSERT INTO auth.app_user (mobile) VALUES (:mobile) ON CONFLICT (mobile) DO NOTHING "
                    + "RETURNING id, mobile, created_at")
            .param("mobile", mobile.e164())
            .query(UserRepository::user)
            .optional();
        return created
            .orElseGet(() -> this.jdbc.sql("SELECT id, mobile, created_at FROM auth.app_user WHERE mobile = :mobile")
                .param("mobile", mobile.e164())
                .query(UserRepository::user)
                .single());
    }

    /**
     * A user by id.
     * @param id the id
     * @return the user, if there is one
     */
    public Optional<User> findById(UserId id) {
        return this.jdbc.sql("SELECT id, mobile, created_at FROM auth.app_user WHERE id = :id")
            .param("id", id.value())
            .query(UserRepository::user)
            .optional();
    }

    /**
     * The registered users among some ids.
     * @param ids user ids
     * @return those that belong to a user
     */
    public List<UserId> registered(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Object[] values = ids.stream().map(UserId::value).toArray(Long[]::new);
        return this.jdbc.sql("SELECT id FROM auth.app_user WHERE id = ANY(:ids)")
            .param("ids", new SqlArrayValue("int8", values))
            .query((row, n) -> new UserId(row.getLong("id")))
            .list();
    }

    /**
     * The users of some numbers.
     * @param mobiles the numbers
     * @return the user of each number that has one
     */
    public Map<MobileNumber, UserId> findByMobiles(Collection<MobileNumber> mobiles) {
        if (mobiles.isEmpty()) {
            return Map.of();
        }
        Object[] values = mobiles.stream().map(MobileNumber::e164).distinct().toArray(String[]::new);
        Map<MobileNumber, UserId> users = new HashMap<>();
        this.jdbc.sql("SELECT id, mobile FROM auth.app_user WHERE mobile = ANY(:mobiles)")
            .param("mobiles", new SqlArrayValue("varchar", values))
            .query((row, n) -> users.put(new MobileNumber(row.getString("mobile")), new UserId(row.getLong("id"))))
            .list();
        return users;
    }

    private static User user(ResultSet row, int rowNumber) throws SQLException {
        return new User(new UserId(row.getLong("id")), new MobileNumber(row.getString("mobile")),
                row.getTimestamp("created_at").toInstant());
    }

}
