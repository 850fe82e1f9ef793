package dev.switchboard.test;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A Kafka broker for the tests of one JVM: spring-kafka-test's embedded KRaft broker,
 * started on first use and stopped when the JVM exits.
 */
public final class TestKafka {

    private TestKafka() {
    }

    /**
     * The shared broker, started on first use.
     * @return the broker
     */
    public static EmbeddedKafkaBroker broker() {
        return Holder.BROKER;
    }

    /**
     * The bootstrap servers of the shared broker.
     * @return {@code host:port[,host:port]}
     */
    public static String bootstrapServers() {
        return broker().getBrokersAsString();
    }

    private static EmbeddedKafkaBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.kafkaPorts(0);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "4", "log.flush.interval.messages", "100000"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-embedded-kafka"));
        return broker;
    }

    /**
     * Points a test context's Spring for Apache Kafka at the shared broker.
     */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySources.addFirst(context, "switchboard-test-kafka",
                    Map.of("spring.kafka.bootstrap-servers", bootstrapServers()));
        }

    }

    private static final class Holder {

        static final EmbeddedKafkaBroker BROKER = start();

    }

}
