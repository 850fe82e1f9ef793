package dev.switchboard.deploy;

import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.switchboard.deploy.Charts.Rendered;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.switchboard.deploy.Charts.container;
import static dev.switchboard.deploy.Charts.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The charts as Kubernetes gets them: what every pod must be, how the gateway nodes get
 * their identity, who may talk to whom, and where secrets come from.
 */
class ChartTests {

    private static final List<String> SERVICES = List.of("auth-service", "gateway-service", "message-service",
            "history-service");

    @Test
    void lintsWithoutWarnings() {
        LintResult lint = new Helm(Charts.UMBRELLA).lint().strict().call();

        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch((message) -> message.startsWith("[ERROR]"))
            .noneMatch((message) -> message.startsWith("[WARNING]"));
    }

    @Test
    void rendersEveryServiceAsAWorkloadWithItsServiceAndConfiguration() {
        Rendered rendered = Charts.render();

        assertThat(rendered.workloads()).hasSize(4);
        for (String service : SERVICES) {
            String name = Charts.RELEASE + "-" + service;
            JsonNode workload = rendered.workloads()
                .stream()
                .filter((candidate) -> name.equals(candidate.path("metadata").path("name").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No workload " + name + " in " + rendered.names()));
            JsonNode selector = workload.path("spec").path("selector").path("matchLabels");
            JsonNode podLabels = workload.path("spec").path("template").path("metadata").path("labels");
            JsonNode serviceSelector = rendered.get("Service", name).path("spec").path("selector");

            assertThat(serviceSelector).as("the Service of %s selects its pods", service).isEqualTo(selector);
            selector.properties()
                .forEach((label) -> assertThat(podLabels.path(label.getKey())).isEqualTo(label.getValue()));
            assertThat(rendered.get("ConfigMap", name).path("data").has("application.yaml")).isTrue();
            assertThat(rendered.find("ServiceAccount", name)).isPresent();
            assertThat(rendered.find("PodDisruptionBudget", name)).isPresent();
            assertThat(container(workload).path("image").asString()).isEqualTo("switchboard/" + service + ":0.1.0");
        }
    }

    @Test
    void runsEveryPodUnprivilegedOnAReadOnlyFilesystemWithProbesAndLimits() {
        for (JsonNode workload : Charts.render().workloads()) {
            String name = workload.path("metadata").path("name").asString();
            JsonNode pod = workload.path("spec").path("template").path("spec");
            JsonNode container = container(workload);

            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            JsonNode security = container.path("securityContext");
            assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(name).isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(name).isFalse();
            assertThat(security.path("capabilities").path("drop").get(0).asString()).as(name).isEqualTo("ALL");
            assertThat(container.path("volumeMounts").findValuesAsString("mountPath")).as(name).contains("/tmp");

            assertThat(container.path("livenessProbe").path("httpGet").path("path").asString())
                .isEqualTo("/actuator/health/liveness");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asString())
                .isEqualTo("/actuator/health/readiness");
            assertThat(container.path("readinessProbe").path("httpGet").path("port").asString())
                .isEqualTo("management");
            assertThat(env(container, "MANAGEMENT_SERVER_PORT").path("value").asString()).isEqualTo("9090");
            assertThat(container.path("resources").path("limits").path("memory").asString()).as(name).isNotEmpty();
            assertThat(container.path("resources").path("requests").path("cpu").asString()).as(name).isNotEmpty();

            int grace = pod.path("terminationGracePeriodSeconds").asInt();
            int preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt();
            assertThat(grace).as("%s: time for the pre-stop pause and Spring's 20 s of graceful shutdown", name)
                .isGreaterThanOrEqualTo(preStop + 30);
        }
    }

    @Test
    void namesEachGatewayNodeAfterItsPod() {
        Rendered rendered = Charts.render();
        JsonNode gateway = rendered.get("StatefulSet", "chat-gateway-service");

        JsonNode nodeId = env(container(gateway), "SWITCHBOARD_GATEWAY_NODE_ID");
        assertThat(nodeId.path("valueFrom").path("fieldRef").path("fieldPath").asString()).isEqualTo("metadata.name");
        String headless = gateway.path("spec").path("serviceName").asString();
        assertThat(rendered.get("Service", headless).path("spec").path("clusterIP").asString()).isEqualTo("None");
        assertThat(env(container(gateway), "SWITCHBOARD_GATEWAY_AUTH_URI").path("value").asString())
            .isEqualTo("http://chat-auth-service:8081");
        assertThat(env(container(gateway), "SWITCHBOARD_GATEWAY_HISTORY_URI").path("value").asString())
            .isEqualTo("http://chat-history-service:8083");
    }

    @Test
    void readsPasswordsFromSecretsOnly() {
        Rendered generated = Charts.render(Map.of("global.postgresql.password", "s3cret"));
        Rendered existing = Charts.render(Map.of("global.postgresql.existingSecret", "db",
                "global.redis.existingSecret", "redis", "auth-service.codeSecret.existingSecret", "codes"));

        JsonNode auth = container(generated.get("Deployment", "chat-auth-service"));
        assertThat(env(auth, "SPRING_DATASOURCE_PASSWORD").has("value")).isFalse();
        assertThat(
                env(auth, "SPRING_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef").path("name").asString())
            .isEqualTo("chat-switchboard-postgresql");
        assertThat(generated.get("Secret", "chat-switchboard-postgresql").path("data").path("password").asString())
            .isEqualTo("czNjcmV0");
        assertThat(env(auth, "SWITCHBOARD_AUTH_CODE_SECRET").path("valueFrom")
            .path("secretKeyRef")
            .path("name")
            .asString()).isEqualTo("chat-auth-service-code");

        assertThat(existing.find("Secret", "chat-switchboard-postgresql")).isEmpty();
        for (JsonNode workload : existing.workloads()) {
            JsonNode redis = env(container(workload), "SPRING_DATA_REDIS_URL");
            assertThat(redis.path("valueFrom").path("secretKeyRef").path("name").asString()).isEqualTo("redis");
        }
        JsonNode history = container(existing.get("Deployment", "chat-history-service"));
        assertThat(env(history, "SPRING_DATASOURCE_PASSWORD").path("valueFrom")
            .path("secretKeyRef")
            .path("name")
            .asString()).isEqualTo("db");
        assertThat(env(container(existing.get("Deployment", "chat-auth-service")), "SWITCHBOARD_AUTH_CODE_SECRET")
            .path("valueFrom")
            .path("secretKeyRef")
            .path("name")
            .asString()).isEqualTo("codes");
    }

    @Test
    void letsOnlyTheCallersOfAServiceReachItsApi() {
        Rendered rendered = Charts.render();

        assertThat(callersOf(rendered.get("NetworkPolicy", "chat-auth-service")))
            .containsExactlyInAnyOrder("gateway-service", "history-service");
        assertThat(callersOf(rendered.get("NetworkPolicy", "chat-history-service"))).containsExactly("gateway-service");
        JsonNode message = rendered.get("NetworkPolicy", "chat-message-service");
        assertThat(message.path("spec").path("ingress").findValues("port").stream().map(JsonNode::asInt))
            .as("message-service opens only its management port")
            .containsExactly(9090);
        JsonNode gateway = rendered.get("NetworkPolicy", "chat-gateway-service");
        assertThat(gateway.path("spec").path("ingress").get(1).has("from")).as("the gateway is open to all").isFalse();
    }

    @Test
    void rollsThePodsWhenTheirConfigurationChanges() {
        String before = checksum(Charts.render(), "chat-message-service");
        Rendered changed = Charts.render(Map.of("message-service.config.switchboard.message.ack-timeout", "45s"));

        assertThat(checksum(changed, "chat-message-service")).isNotEqualTo(before);
        assertThat(changed.get("ConfigMap", "chat-message-service").path("data").path("application.yaml").asString())
            .contains("ack-timeout: 45s");
        assertThat(checksum(changed, "chat-history-service"))
            .isEqualTo(checksum(Charts.render(), "chat-history-service"));
    }

    @Test
    void exposesTheGatewayThroughAnIngressThatKeepsWebSocketsOpen() {
        Rendered rendered = Charts.render(Map.of("gateway-service.ingress.enabled", "true",
                "gateway-service.ingress.hostname", "chat.example.com", "gateway-service.ingress.tls", "true"));

        JsonNode ingress = rendered.get("Ingress", "chat-gateway-service");
        assertThat(ingress.path("spec").path("rules").get(0).path("host").asString()).isEqualTo("chat.example.com");
        assertThat(ingress.path("spec").path("tls").get(0).path("secretName").asString())
            .isEqualTo("chat.example.com-tls");
        assertThat(ingress.path("metadata")
            .path("annotations")
            .path("nginx.ingress.kubernetes.io/proxy-read-timeout")
            .asString()).isEqualTo("3600");
        assertThat(Charts.render().ofKind("Ingress")).isEmpty();
    }

    @Test
    void trustsNoForwardedAddressUnlessAProxyInFrontWritesIt() {
        assertThat(proxyHops(Charts.render())).as("clients connect directly").isEqualTo("0");
        assertThat(proxyHops(Charts.render(Map.of("gateway-service.ingress.enabled", "true"))))
            .as("behind the chart's Ingress")
            .isEqualTo("1");
        assertThat(proxyHops(Charts
            .render(Map.of("gateway-service.ingress.enabled", "true", "gateway-service.trustedProxyHops", "2"))))
            .isEqualTo("2");
    }

    private static String proxyHops(Rendered rendered) {
        return env(container(rendered.get("StatefulSet", "chat-gateway-service")),
                "SWITCHBOARD_GATEWAY_TRUSTED_PROXY_HOPS")
            .path("value")
            .asString();
    }

    @Test
    void installsOnlyTheServicesThatAreEnabled() {
        Rendered rendered = Charts.render(Map.of("message-service.enabled", "false"));

        assertThat(rendered.workloads()).hasSize(3);
        assertThat(rendered.names()).noneMatch((name) -> name.contains("message-service"));
    }

    @Test
    void refusesToRenderWithoutKafka() {
        assertThatIllegalStateException().isThrownBy(() -> Charts.render(Map.of("global.kafka.bootstrapServers", "")))
            .withMessageContaining("global.kafka.bootstrapServers is required");
    }

    @Test
    void refusesTwilioWithoutItsCredentials() {
        assertThatIllegalStateException().isThrownBy(() -> Charts.render(Map.of("auth-service.sms.provider", "twilio")))
            .withMessageContaining("sms.twilio.accountSid is required");
    }

    @Test
    void checksValuesAgainstTheSchemas() {
        assertThatIllegalStateException()
            .isThrownBy(() -> Charts.render(Map.of("gateway-service.replicaCount", "many")))
            .withMessageContaining("gateway-service")
            .withMessageContaining("replicaCount");
        assertThat(Charts.render(Map.of("history-service.pdb.minAvailable", "50%"))
            .get("PodDisruptionBudget", "chat-history-service")
            .path("spec")
            .path("minAvailable")
            .asString()).isEqualTo("50%");
    }

    private static List<String> callersOf(JsonNode networkPolicy) {
        return networkPolicy.path("spec")
            .path("ingress")
            .findValues("app.kubernetes.io/name")
            .stream()
            .map(JsonNode::asString)
            .toList();
    }

    private static String checksum(Rendered rendered, String deployment) {
        return rendered.get("Deployment", deployment)
            .path("spec")
            .path("template")
            .path("metadata")
            .path("annotations")
            .path("checksum/config")
            .asString();
    }

}
