package dev.switchboard.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.switchboard.test.TestAuth;
import dev.switchboard.test.TestKafka;
import dev.switchboard.test.TestRedis;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full gateway node ({@code gw-test}) on a random port against the embedded Kafka
 * broker and real Redis, with stub services behind its REST routes. Every class with this
 * annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = { TestRedis.Initializer.class, TestKafka.Initializer.class,
        TestAuth.Initializer.class, StubBackend.Initializer.class })
@ActiveProfiles("test")
public @interface GatewayIntegrationTest {

}
