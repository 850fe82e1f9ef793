package dev.switchboard.history;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestPostgres;
import dev.switchboard.test.TestRedis;

import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full history-service on a random port against real PostgreSQL, Kafka and Redis. Every
 * class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ContextConfiguration(initializers = { TestPostgres.Initializer.class, TestRedis.Initializer.class,
        TestKafka.Initializer.class, TestAuth.Initializer.class })
@Import(HistoryTestConfiguration.class)
@ActiveProfiles("test")
public @interface HistoryIntegrationTest {

}
