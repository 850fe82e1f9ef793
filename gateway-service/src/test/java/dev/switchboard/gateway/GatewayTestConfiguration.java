package dev.switchboard.gateway;

import org.springframework.boot.test.context.TestConfiguration;

/**
 * Nothing to replace: the gateway runs as in production against real engines.
 */
@TestConfiguration(proxyBeanMethods = false)
public class GatewayTestConfiguration {

}
