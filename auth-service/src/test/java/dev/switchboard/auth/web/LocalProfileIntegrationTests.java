package dev.switchboard.auth.web;

import dev.switchboard.auth.AuthApi;
import dev.switchboard.auth.AuthTestConfiguration;
import dev.switchboard.auth.Mobiles;
import dev.switchboard.test.HttpAnswer;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestPostgres;
import dev.switchboard.test.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local profile answers {@code getcode} with the code, as the seed design did, so
 * that the seed's client and demos work without a phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ContextConfiguration(
        initializers = { TestPostgres.Initializer.class, TestRedis.Initializer.class, TestKafka.Initializer.class })
@Import(AuthTestConfiguration.class)
@ActiveProfiles({ "test", "local" })
class LocalProfileIntegrationTests {

    @Autowired
    AuthApi api;

    @Test
    void answersWithTheCodeAsTheSeedDid() {
        String mobile = Mobiles.next();

        HttpAnswer getCode = this.api.getCode(mobile).expectStatus(202);

        assertThat(getCode.text("activationCode")).isEqualTo(this.api.lastCode(mobile));
        assertThat(this.api.login(mobile, getCode.text("activationCode")).expectStatus(200).text("accessToken"))
            .isNotBlank();
    }

}
