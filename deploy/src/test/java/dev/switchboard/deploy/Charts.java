package dev.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The umbrella chart rendered by Helm (its Go library, through helm-java), as Kubernetes
 * would receive it.
 */
final class Charts {

    static final Path UMBRELLA = Path.of("charts", "switchboard");

    static final String RELEASE = "chat";

    static final String NAMESPACE = "switchboard";

    private static final String KUBE_VERSION = "1.31.0";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Charts() {
    }

    /**
     * Renders the umbrella chart with its default values and the given ones.
     * @param values values as {@code --set} takes them
     * @return the rendered resources
     */
    static Rendered render(Map<String, Object> values) {
        if (!Files.isDirectory(UMBRELLA)) {
            throw new IllegalStateException("Run from the deploy module: no " + UMBRELLA.toAbsolutePath());
        }
        TemplateCommand template = new Helm(UMBRELLA).template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withKubeVersion(KUBE_VERSION);
        values.forEach(template::set);
        return Rendered.of(template.call());
    }

    static Rendered render() {
        return render(Map.of());
    }

    /**
     * Resources rendered from a chart.
     *
     * @param resources each resource, in the order Helm wrote them
     */
    record Rendered(List<JsonNode> resources) {

        static Rendered of(String manifest) {
            List<JsonNode> resources = new ArrayList<>();
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(manifest)) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && !document.isNull() && !document.isEmpty()) {
                        resources.add(document);
                    }
                }
            }
            return new Rendered(resources);
        }

        List<JsonNode> ofKind(String kind) {
            return this.resources.stream().filter((resource) -> kind.equals(resource.path("kind").asString())).toList();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in " + names()));
        }

        java.util.Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream()
                .filter((resource) -> name.equals(resource.path("metadata").path("name").asString()))
                .findFirst();
        }

        /** Deployments and StatefulSets. */
        List<JsonNode> workloads() {
            Predicate<JsonNode> workload = (resource) -> List.of("Deployment", "StatefulSet")
                .contains(resource.path("kind").asString());
            return this.resources.stream().filter(workload).toList();
        }

        List<String> names() {
            return this.resources.stream()
                .map((resource) -> resource.path("kind").asString() + "/"
                        + resource.path("metadata").path("name").asString())
                .toList();
        }

    }

    /** The one container of a workload's pod. */
    static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError("Expected one container in " + workload.path("metadata").path("name"));
        }
        return containers.get(0);
    }

    /** An environment variable of a container, as Kubernetes would read it. */
    static JsonNode env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (name.equals(variable.path("name").asString())) {
                return variable;
            }
        }
        throw new AssertionError("No environment variable " + name + " in " + container.path("name"));
    }

}
