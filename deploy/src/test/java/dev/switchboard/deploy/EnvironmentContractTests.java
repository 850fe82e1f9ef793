package dev.switchboard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.switchboard.deploy.Charts.Rendered;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static dev.switchboard.deploy.Charts.container;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every environment variable that the charts give a service binds a property that Spring
 * Boot or Switchboard reads: a typo would otherwise be ignored without a word and leave
 * the service on its default. The properties come from the configuration metadata of
 * Spring Boot's modules (on this test's classpath) and of Switchboard's modules (built
 * before this one); Spring Boot's own binder decides whether a variable binds one.
 */
class EnvironmentContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> SWITCHBOARD_MODULES = List.of("auth-service", "gateway-service",
            "message-service", "history-service", "auth-client", "service-support");

    /** Variables that the JVM, not Spring, reads. */
    private static final Set<String> NOT_SPRING = Set.of("JAVA_TOOL_OPTIONS");

    @Test
    void setsOnlyVariablesThatBindAProperty() throws IOException {
        Map<String, String> properties = knownProperties();
        Rendered rendered = Charts
            .render(Map.of("auth-service.sms.provider", "twilio", "auth-service.sms.twilio.accountSid", "AC1",
                    "auth-service.sms.twilio.from", "Switchboard", "auth-service.sms.twilio.existingSecret", "twilio",
                    "gateway-service.allowedOrigins[0]", "https://chat.example.com"));

        Set<String> unbound = new TreeSet<>();
        int checked = 0;
        for (JsonNode workload : rendered.workloads()) {
            for (JsonNode variable : container(workload).path("env")) {
                String name = variable.path("name").asString();
                if (NOT_SPRING.contains(name)) {
                    continue;
                }
                checked++;
                if (!binds(name, properties.get(candidate(name)))) {
                    unbound.add(workload.path("metadata").path("name").asString() + ": " + name);
                }
            }
        }

        assertThat(checked).as("variables checked").isGreaterThan(40);
        assertThat(unbound).as("variables that bind no property").isEmpty();
    }

    @Test
    void tellsAVariableThatBindsFromOneThatDoesNot() throws IOException {
        Map<String, String> properties = knownProperties();

        assertThat(binds("SWITCHBOARD_GATEWAY_NODE_ID", properties.get(candidate("SWITCHBOARD_GATEWAY_NODE_ID"))))
            .isTrue();
        assertThat(binds("SPRING_KAFKA_BOOTSTRAP_SERVERS", properties.get(candidate("SPRING_KAFKA_BOOTSTRAP_SERVERS"))))
            .isTrue();
        // Spring Boot ignores dashes when it maps a variable, so this one binds too.
        assertThat(binds("SWITCHBOARD_GATEWAY_NODEID", "switchboard.gateway.node-id")).isTrue();
        assertThat(binds("SWITCHBOARD_GATEWAY_NOD_ID", "switchboard.gateway.node-id")).isFalse();
        assertThat(properties.get(candidate("SPRING_KAFKA_BOOTSTRAP_SERVER"))).isNull();
    }

    /**
     * Whether Spring Boot binds the property from the variable alone. The source takes
     * the name of the process environment (replacing it), for Spring Boot maps a source's
     * names as environment variables only under that name.
     */
    private static boolean binds(String variable, String property) {
        if (property == null) {
            return false;
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                    Map.of(variable, "value")));
        return Binder.get(environment).bind(property, String.class).isBound();
    }

    /** A property's name as a variable names it: dots and dashes to underscores. */
    private static String candidate(String name) {
        return name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Every known property, by {@link #candidate(String)}. */
    private static Map<String, String> knownProperties() throws IOException {
        Map<String, String> properties = new HashMap<>();
        for (URL url : Collections.list(EnvironmentContractTests.class.getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                add(JSON.readTree(in), properties);
            }
        }
        for (String module : SWITCHBOARD_MODULES) {
            Path metadata = Path.of("..", module, "target", "classes", "META-INF",
                    "spring-configuration-metadata.json");
            if (!Files.isRegularFile(metadata)) {
                throw new IllegalStateException(
                        "Build the services first (./mvnw -DskipTests install): no " + metadata.toAbsolutePath());
            }
            add(JSON.readTree(metadata.toFile()), properties);
        }
        return properties;
    }

    private static void add(JsonNode metadata, Map<String, String> properties) {
        for (JsonNode property : metadata.path("properties")) {
            String name = property.path("name").asString();
            properties.put(candidate(name), name);
        }
    }

}
