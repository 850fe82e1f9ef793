package dev.switchboard.test;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts engine coordinates in front of a test context's other property sources.
 */
final class TestPropertySources {

    private TestPropertySources() {
    }

    static void addFirst(ConfigurableApplicationContext context, String name, Map<String, Object> properties) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(name, properties));
    }

}
