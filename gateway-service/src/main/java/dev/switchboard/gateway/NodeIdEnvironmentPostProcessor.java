package dev.switchboard.gateway;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a node without a configured {@code switchboard.gateway.node-id} a random one,
 * fixed for the life of the process (a {@code ${random.*}} placeholder would resolve to a
 * new value wherever it is used).
 */
class NodeIdEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY = "switchboard.gateway.node-id";

    @Override
    public int getOrder() {
        // After application.yml and its friends are loaded, so that a configured id wins.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty(PROPERTY)) {
            String id = "gw-" + UUID.randomUUID().toString().substring(0, 8);
            environment.getPropertySources()
                .addLast(new MapPropertySource("switchboard-random-node-id", Map.of(PROPERTY, id)));
        }
    }

}
