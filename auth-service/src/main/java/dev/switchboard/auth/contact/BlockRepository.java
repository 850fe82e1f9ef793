package dev.switchboard.auth.contact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.switchboard.model.auth.UserLookup;
import dev.switchboard.model.id.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Blocks in PostgreSQL ({@code auth.contact_block}).
 */
@Repository
public class BlockRepository {

    private final JdbcClient jdbc;

    BlockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a block, unless the blocker holds {@code max} blocks already.
     * @param blocker who blocks
     * @param blocked whom
     * @param max the most blocks one user may hold
     * @return whether the block is new; {@code false} if it existed already
     * @throws org.springframework.web.ErrorResponseException (409) past {@code max}
     */
    boolean add(UserId blocker, UserId blocked, int max) {
        int added = this.jdbc
            .sql("INSERT INTO auth.contact_block (blocker_id, blocked_id) SELECT :blocker, :blocked "
                    + "WHERE (SELECT count(*) FROM auth.contact_block WHERE blocker_id = :blocker) < :max "
                    + "ON CONFLICT DO NOTHING")
            .param("blocker", blocker.value())
            .param("blocked", blocked.value())
            .param("max", max)
            .update();
        if (added == 1) {
            return true;
        }
        boolean exists = this.jdbc.sql(
                "SELECT EXISTS (SELECT 1 FROM auth.contact_block WHERE blocker_id = :blocker AND blocked_id = :blocked)")
            .param("blocker", blocker.value())
            .param("blocked", blocked.value())
            .query(Boolean.class)
            .single();
        if (!exists) {
            throw ContactProblems.conflict("too-many-blocks", "A user may block at most " + max + " users.");
        }
        return false;
    }

    /**
     * Removes a block.
     * @param blocker who blocked
     * @param blocked whom
     * @return whether there was one
     */
    boolean remove(UserId blocker, UserId blocked) {
        return this.jdbc.sql("DELETE FROM auth.contact_block WHERE blocker_id = :blocker AND blocked_id = :blocked")
            .param("blocker", blocker.value())
            .param("blocked", blocked.value())
            .update() == 1;
    }

    /**
     * Whom a user blocks.
     * @param blocker the user
     * @return the blocked users, oldest block first
     */
    List<UserId> blockedBy(UserId blocker) {
        return this.jdbc.sql(
                "SELECT blocked_id FROM auth.contact_block WHERE blocker_id = :blocker ORDER BY created_at, blocked_id")
            .param("blocker", blocker.value())
            .query((row, n) -> new UserId(row.getLong("blocked_id")))
            .list();
    }

    /**
     * Whom each of some users blocks, for the internal user directory.
     * @param users the users
     * @return an entry for each of them who blocks anyone
     */
    public List<UserLookup.Blocks> blocksOf(Collection<UserId> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        Object[] ids = users.stream().map(UserId::value).distinct().toArray(Long[]::new);
        Map<Long, List<UserId>> blocks = new LinkedHashMap<>();
        this.jdbc.sql("SELECT blocker_id, blocked_id FROM auth.contact_block WHERE blocker_id = ANY(:ids)")
            .param("ids", new SqlArrayValue("int8", ids))
            .query((row, n) -> blocks.computeIfAbsent(row.getLong("blocker_id"), (key) -> new ArrayList<>())
                .add(new UserId(row.getLong("blocked_id"))))
            .list();
        List<UserLookup.Blocks> answer = new ArrayList<>();
        blocks.forEach((blocker, blocked) -> answer.add(new UserLookup.Blocks(new UserId(blocker), blocked)));
        return answer;
    }

}
