package io.burrow.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object in packaging/k8s/*.yaml validated against the strict Kubernetes schema of its apiVersion and kind
 * (unknown fields, wrong types and missing required fields fail), then the deployment rules of issue 16: probes,
 * security context, read-only archives, metrics annotations, the Secret's keys, names that match up.
 */
final class KubernetesManifestsTest {

    private static final Path DIR = Schemas.repoRoot().resolve("packaging/k8s");
    /** Read by the image's entry point script, not by the server. */
    private static final Set<String> ENTRY_POINT = Set.of("BURROW_JAVA_OPTS");

    private static JsonNode kubernetes;
    private static final Map<String, Schema> compiled = new HashMap<>();
    private static final Map<String, ObjectNode> objects = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        Path file = Schemas.schemaFile(Schemas.KUBERNETES_SCHEMA);
        kubernetes = Schemas.json(file);
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (JsonNode doc : Schemas.yamlDocuments(p)) {
                    objects.put(doc.path("kind").asText() + "/" + doc.path("metadata").path("name").asText(), (ObjectNode) doc);
                }
            }
        }
    }

    private static List<String> errors(JsonNode object) {
        String kind = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        JsonNode id = kubernetes.path("x-kinds").path(kind);
        if (id.isMissingNode()) {
            return List.of("no schema for " + kind);
        }
        Schema schema = compiled.computeIfAbsent(id.asText(), i -> Schemas.definition(kubernetes, i));
        return Schemas.errors(schema, object);
    }

    private static ObjectNode object(String kindAndName) {
        ObjectNode o = objects.get(kindAndName);
        assertThat(o).as(kindAndName).isNotNull();
        return o.deepCopy();
    }

    @Test
    void everyObject_isValidForItsKind() {
        assertThat(objects.keySet()).contains("ServiceAccount/burrow", "ConfigMap/burrow-config", "Secret/burrow-secrets",
                "PersistentVolumeClaim/burrow-archives", "Deployment/burrow", "Service/burrow",
                "PodDisruptionBudget/burrow", "HorizontalPodAutoscaler/burrow");
        List<String> problems = new ArrayList<>();
        objects.forEach((name, o) -> errors(o).forEach(e -> problems.add(name + " " + e)));
        assertThat(problems).isEmpty();
    }

    static Stream<Arguments> brokenObjects() {
        return Stream.of(
                Arguments.of("misspelt field", "Deployment/burrow", (Consumer<ObjectNode>) d ->
                        container(d).set("readinessProbes", container(d).path("readinessProbe"))),
                Arguments.of("wrong type", "Deployment/burrow", (Consumer<ObjectNode>) d ->
                        ((ObjectNode) d.path("spec")).put("replicas", "two")),
                Arguments.of("missing required field", "Deployment/burrow", (Consumer<ObjectNode>) d ->
                        container(d).remove("name")),
                Arguments.of("bad enum value", "Deployment/burrow", (Consumer<ObjectNode>) d ->
                        ((ObjectNode) container(d).path("livenessProbe").path("httpGet")).put("scheme", "GOPHER")),
                Arguments.of("int-or-string given a boolean", "PodDisruptionBudget/burrow", (Consumer<ObjectNode>) p ->
                        ((ObjectNode) p.path("spec")).put("minAvailable", true)),
                Arguments.of("v1 field in an autoscaling/v2 object", "HorizontalPodAutoscaler/burrow", (Consumer<ObjectNode>) h ->
                        ((ObjectNode) h.path("spec")).put("targetCPUUtilizationPercentage", 70)),
                Arguments.of("unknown apiVersion", "Service/burrow", (Consumer<ObjectNode>) s -> s.put("apiVersion", "v2")),
                Arguments.of("secret data not a string map", "Secret/burrow-secrets", (Consumer<ObjectNode>) s ->
                        ((ObjectNode) s.path("stringData")).putObject("BURROW_AUTH_TOKEN")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenObjects")
    void brokenObject_isRejected(String what, String which, Consumer<ObjectNode> breakIt) {
        ObjectNode o = object(which);
        assertThat(errors(o)).as("valid before breaking it").isEmpty();
        breakIt.accept(o);
        assertThat(errors(o)).as(what).isNotEmpty();
    }

    @Test
    void deployment_probesSecurityVolumesAndMetrics() {
        ObjectNode d = object("Deployment/burrow");
        JsonNode pod = d.path("spec").path("template");
        ObjectNode c = container(d);
        assertThat(c.path("args").toString()).isEqualTo("[\"http\"]");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/healthz");
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
        assertThat(c.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("http");
        assertThat(port(c, "http")).isEqualTo(Integer.parseInt(config("BURROW_HTTP_PORT")));
        // non-root, read-only, no capabilities
        JsonNode sc = c.path("securityContext");
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(pod.path("spec").path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        // archives from a read-only volume, at the directory the ConfigMap names
        JsonNode mount = find(c.path("volumeMounts"), "name", "archives");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
        assertThat(mount.path("mountPath").asText()).isEqualTo(config("ZIM_DIRECTORIES"));
        JsonNode volume = find(pod.path("spec").path("volumes"), "name", "archives");
        assertThat(volume.path("persistentVolumeClaim").path("readOnly").asBoolean()).isTrue();
        assertThat(objects).containsKey("PersistentVolumeClaim/" + volume.path("persistentVolumeClaim").path("claimName").asText());
        // every writable path is a volume: /tmp and the Gemini state directory of the image
        assertThat(c.path("volumeMounts").toString()).contains("\"/tmp\"", "\"/var/lib/burrow\"");
        // metrics port annotated for scraping, and declared
        JsonNode ann = pod.path("metadata").path("annotations");
        assertThat(ann.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(ann.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        assertThat(ann.path("prometheus.io/port").asText()).isEqualTo(config("BURROW_METRICS_PORT"));
        assertThat(port(c, "metrics")).isEqualTo(Integer.parseInt(config("BURROW_METRICS_PORT")));
        // shutdown: Kubernetes waits longer than the server's grace period
        assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt())
                .isGreaterThan(Integer.parseInt(config("BURROW_HTTP_SHUTDOWN_GRACE_SECONDS")));
        // configuration comes from the ConfigMap and the Secret of this folder
        assertThat(c.path("envFrom").toString()).contains("\"burrow-config\"", "\"burrow-secrets\"");
    }

    @Test
    void selectorsAndReferences_matchTheDeployment() {
        JsonNode d = object("Deployment/burrow");
        JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
        assertThat(d.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(object("Service/burrow").path("spec").path("selector")).isEqualTo(labels);
        assertThat(object("PodDisruptionBudget/burrow").path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        JsonNode target = object("HorizontalPodAutoscaler/burrow").path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asText() + "/" + target.path("name").asText()).isEqualTo("Deployment/burrow");
        assertThat(object("HorizontalPodAutoscaler/burrow").path("spec").path("minReplicas").asInt())
                .isGreaterThan(object("PodDisruptionBudget/burrow").path("spec").path("minAvailable").asInt());
        assertThat(objects).containsKey("ServiceAccount/" + d.path("spec").path("template").path("spec").path("serviceAccountName").asText());
        for (JsonNode p : object("Service/burrow").path("spec").path("ports")) {
            port(container((ObjectNode) d), p.path("targetPort").asText());
        }
    }

    @Test
    void configMapAndSecret_nameKnownSettings() {
        Set<String> settings = Schemas.documentedSettings();
        List<String> unknown = new ArrayList<>();
        for (String which : List.of("ConfigMap/burrow-config", "Secret/burrow-secrets")) {
            JsonNode data = which.startsWith("Secret") ? object(which).path("stringData") : object(which).path("data");
            for (Iterator<String> it = data.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!settings.contains(name) && !ENTRY_POINT.contains(name)) {
                    unknown.add(which + ": " + name);
                }
            }
        }
        assertThat(unknown).as("not in docs/configuration.md").isEmpty();
        JsonNode secret = object("Secret/burrow-secrets").path("stringData");
        for (String key : List.of("BURROW_AUTH_TOKEN", "BURROW_REQUEST_STATE_KEY", "BURROW_GEMINI_STORE_USER",
                "BURROW_GEMINI_STORE_PASSWORD", "BURROW_GEMINI_STORE_KEY")) {
            assertThat(secret.has(key)).as("Secret key %s", key).isTrue();
            assertThat(secret.path(key).asText()).as("committed secrets stay empty: %s", key).isEmpty();
        }
        assertThat(object("ConfigMap/burrow-config").path("data").has("BURROW_AUTH_TOKEN")).isFalse();
        // replicas share the Gemini trust store, and none of its secrets sits in the ConfigMap
        assertThat(config("BURROW_GEMINI_STORE")).isEqualTo("postgres");
        assertThat(config("BURROW_GEMINI_STORE_URL")).startsWith("jdbc:postgresql://");
        for (String key : List.of("BURROW_GEMINI_STORE_PASSWORD", "BURROW_GEMINI_STORE_KEY", "BURROW_REQUEST_STATE_KEY")) {
            assertThat(object("ConfigMap/burrow-config").path("data").has(key)).as("%s only in the Secret", key).isFalse();
        }
    }

    private static ObjectNode container(ObjectNode deployment) {
        ArrayNode cs = (ArrayNode) deployment.path("spec").path("template").path("spec").path("containers");
        return (ObjectNode) cs.get(0);
    }

    private static String config(String key) {
        JsonNode v = objects.get("ConfigMap/burrow-config").path("data").path(key);
        assertThat(v.isTextual()).as("ConfigMap key %s", key).isTrue();
        return v.asText();
    }

    private static int port(JsonNode container, String name) {
        return find(container.path("ports"), "name", name).path("containerPort").asInt();
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }
}
