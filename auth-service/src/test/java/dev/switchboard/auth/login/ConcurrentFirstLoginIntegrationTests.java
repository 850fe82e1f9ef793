package dev.switchboard.auth.login;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthIntegrationTest;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.auth.code.MobileNumber;
import dev.switchboard.auth.user.User;
import dev.switchboard.auth.user.UserRepository;
import dev.switchboard.test.TestPostgres;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@AuthIntegrationTest
class ConcurrentFirstLoginIntegrationTests {

    private static final int CONCURRENCY = 8;

    @Autowired
    AuthApi api;

    @Autowired
    UserRepository users;

    @Test
    void concurrentFirstLoginsOfOneNumberCreateOneUser() throws Exception {
        MobileNumber mobile = new MobileNumber(Mobiles.next());

        List<User> created = concurrently(() -> this.users.findOrCreate(mobile));

        assertThat(created).extracting(User::id).containsOnly(created.get(0).id());
        assertThat(rowsFor(mobile.e164())).isEqualTo(1);
    }

    @Test
    void concurrentLoginsWithOneCodeLetExactlyOneIn() throws Exception {
        String mobile = Mobiles.next();
        this.api.getCode(mobile).expectStatus(202);
        String code = this.api.lastCode(mobile);

        List<Integer> statuses = concurrently(() -> this.api.login(mobile, code).status());

        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses).filteredOn((status) -> status != 200).containsOnly(401);
        assertThat(rowsFor(mobile)).isEqualTo(1);
    }

    private static <T> List<T> concurrently(Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENCY; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static int rowsFor(String mobile) throws Exception {
        try (Connection connection = TestPostgres.connect();
                PreparedStatement query = connection
                    .prepareStatement("SELECT count(*) FROM auth.app_user WHERE mobile = ?")) {
            query.setString(1, mobile);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

}
