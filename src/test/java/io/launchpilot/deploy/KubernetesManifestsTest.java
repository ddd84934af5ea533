package io.launchpilot.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders the kustomize overlays with {@code kubectl kustomize} (no cluster involved) and checks the
 * objects operators will apply: kinds, probes, security context, Lease RBAC, where secrets come from,
 * the queues CronJob, selectors, metrics scraping and the Grafana dashboard.
 */
class KubernetesManifestsTest {

    static final Path KUBERNETES = Path.of("kubernetes");
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    /** Variables whose values are credentials: they must come from a Secret, never from a literal. */
    static final Pattern SECRET_ISH = Pattern.compile("KEY|TOKEN|SECRET|PASSWORD");
    static final String PLACEHOLDER = "CHANGE_ME";
    static final Set<String> NAMESPACED_EXCEPTIONS = Set.of("Namespace");

    static Map<String, Rendered> overlays = new LinkedHashMap<>();

    @BeforeAll
    static void render() {
        overlays.put("sandbox", Rendered.of(KUBERNETES.resolve("overlays/sandbox")));
        overlays.put("production", Rendered.of(KUBERNETES.resolve("overlays/production")));
    }

    // ---- kinds, namespaces, replicas ----

    @Test
    void sandboxIsOneReplicaWithoutSecrets() {
        Rendered sandbox = overlays.get("sandbox");
        assertEquals(Set.of("Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Service", "Deployment"),
                sandbox.kinds());
        assertEquals(1, sandbox.one("Deployment").path("spec").path("replicas").asInt());
    }

    @Test
    void productionIsReplicatedWithSecretPdbAndCronJob() {
        Rendered production = overlays.get("production");
        assertEquals(Set.of("Namespace", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service",
                "Deployment", "CronJob", "PodDisruptionBudget"), production.kinds());
        JsonNode deployment = production.one("Deployment");
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        assertEquals(0, deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt(-1),
                "a rolling update never takes a serving replica away first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void everyObjectLivesInTheOverlaysNamespace(String overlay) {
        Rendered rendered = overlays.get(overlay);
        String namespace = rendered.one("Namespace").path("metadata").path("name").asText();
        assertEquals("restricted", rendered.one("Namespace").path("metadata").path("labels")
                .path("pod-security.kubernetes.io/enforce").asText());
        for (JsonNode object : rendered.objects()) {
            if (!NAMESPACED_EXCEPTIONS.contains(kind(object))) {
                assertEquals(namespace, object.path("metadata").path("namespace").asText(), describe(object));
            }
        }
    }

    // ---- the server container ----

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void probesUseTheThreeHealthEndpoints(String overlay) {
        JsonNode container = serverContainer(overlays.get(overlay));
        assertEquals(8080, port(container, "http"));
        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode target = container.path(probe).path("httpGet").path("port");
            assertTrue(target.asText().equals("http") || target.asInt() == 8080, probe + " targets " + target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void serverRunsServeWithTheConfigMapsMounted(String overlay) {
        Rendered rendered = overlays.get(overlay);
        JsonNode pod = podSpec(rendered.one("Deployment"));
        JsonNode container = serverContainer(rendered);
        assertEquals(List.of("serve"), strings(container.path("args")));
        assertTrue(container.path("command").isMissingNode(), "the image's entrypoint is the launcher");
        Map<String, String> env = plainEnv(rendered, container);
        assertEquals("/config", env.get("LAUNCHPILOT_CONFIG_DIR"));
        for (String folder : List.of("/config/queues", "/config/policies")) {
            rendered.named("ConfigMap", configMapMountedAt(pod, container, folder));
        }
        String settings = env.get("QUARKUS_CONFIG_LOCATIONS");
        assertNotNull(settings, "QUARKUS_CONFIG_LOCATIONS");
        Path file = Path.of(settings);
        JsonNode settingsMap = rendered.named("ConfigMap", configMapMountedAt(pod, container, file.getParent().toString()));
        assertTrue(settingsMap.path("data").has(file.getFileName().toString()), settings + " is in its ConfigMap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void podsAreNonRootReadOnlyAndWithoutCapabilities(String overlay) {
        for (JsonNode workload : workloads(overlays.get(overlay))) {
            String where = describe(workload);
            JsonNode pod = podSpec(workload);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), where + ": runAsNonRoot");
            assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText(), where);
            assertFalse(pod.path("enableServiceLinks").asBoolean(true),
                    where + ": service links would inject LAUNCHPILOT_PORT & co. into the configuration");
            for (JsonNode container : pod.path("containers")) {
                JsonNode security = container.path("securityContext");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), where + ": allowPrivilegeEscalation");
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), where + ": readOnlyRootFilesystem");
                assertTrue(strings(security.path("capabilities").path("drop")).contains("ALL"), where + ": drop ALL");
                assertTrue(container.path("resources").path("requests").has("cpu"), where + ": cpu request");
                assertTrue(container.path("resources").path("requests").has("memory"), where + ": memory request");
                assertTrue(container.path("resources").path("limits").has("memory"), where + ": memory limit");
                assertEquals("emptyDir", volumeType(pod, mountAt(container, "/tmp")), where + ": writable /tmp");
                for (JsonNode mount : container.path("volumeMounts")) {
                    volume(pod, mount.path("name").asText());
                }
            }
        }
    }

    @Test
    void sandboxKeepsItsStoreOnAWritableVolumeAndHasNoWandbKey() {
        Rendered sandbox = overlays.get("sandbox");
        JsonNode pod = podSpec(sandbox.one("Deployment"));
        JsonNode container = serverContainer(sandbox);
        String url = plainEnv(sandbox, container).get("QUARKUS_DATASOURCE_JDBC_URL");
        assertNotNull(url, "the H2 file must not default to ./data on the read-only root filesystem");
        Matcher file = Pattern.compile("jdbc:h2:file:(/[^;]+)/[^/;]+(;.*)?").matcher(url);
        assertTrue(file.matches(), url);
        assertEquals("emptyDir", volumeType(pod, mountAt(container, file.group(1))));
        assertFalse(environment(sandbox, container).containsKey("WANDB_API_KEY"),
                "without WANDB_API_KEY the service runs the embedded sandbox");
    }

    // ---- leader election RBAC ----

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void leaseRoleIsBoundToTheDeploymentsServiceAccount(String overlay) {
        Rendered rendered = overlays.get(overlay);
        JsonNode deployment = rendered.one("Deployment");
        String namespace = deployment.path("metadata").path("namespace").asText();
        String account = podSpec(deployment).path("serviceAccountName").asText();
        assertFalse(account.isEmpty(), "the Deployment names its service account");
        rendered.named("ServiceAccount", account);
        assertTrue(podSpec(deployment).path("automountServiceAccountToken").asBoolean(true),
                "the Lease client needs the service account token");

        JsonNode binding = rendered.all("RoleBinding").stream()
                .filter(b -> StreamSupport.stream(b.path("subjects").spliterator(), false).anyMatch(s ->
                        "ServiceAccount".equals(s.path("kind").asText()) && account.equals(s.path("name").asText())
                                && namespace.equals(s.path("namespace").asText())))
                .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding for ServiceAccount " + account));
        assertEquals("Role", binding.path("roleRef").path("kind").asText());
        JsonNode role = rendered.named("Role", binding.path("roleRef").path("name").asText());
        assertEquals(namespace, role.path("metadata").path("namespace").asText());
        boolean leases = StreamSupport.stream(role.path("rules").spliterator(), false).anyMatch(rule ->
                strings(rule.path("apiGroups")).contains("coordination.k8s.io")
                        && strings(rule.path("resources")).contains("leases")
                        && strings(rule.path("verbs")).containsAll(
                                List.of("get", "list", "watch", "create", "update", "patch")));
        assertTrue(leases, "the Role grants get, list, watch, create, update, patch on coordination.k8s.io leases");
        assertEquals("field:metadata.name", environment(rendered, serverContainer(rendered)).get("POD_NAME"),
                "the pod's name is the replica's identity in the Lease");
    }

    @Test
    void productionLogsJsonAndTheSandboxPlainText() {
        assertEquals("true", plainEnv(overlays.get("production"), serverContainer(overlays.get("production")))
                .get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        assertFalse(plainEnv(overlays.get("sandbox"), serverContainer(overlays.get("sandbox")))
                .containsKey("QUARKUS_LOG_CONSOLE_JSON_ENABLED"), "the demo's logs are for people");
    }

    // ---- secrets ----

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void credentialsComeFromSecretsOnly(String overlay) {
        Rendered rendered = overlays.get(overlay);
        for (JsonNode workload : workloads(rendered)) {
            for (JsonNode container : podSpec(workload).path("containers")) {
                String where = describe(workload) + " container " + container.path("name").asText();
                environment(rendered, container).forEach((name, source) -> {
                    if (SECRET_ISH.matcher(name).find()) {
                        assertTrue(source.startsWith("secret:"), where + ": " + name + " comes from " + source);
                    }
                });
            }
        }
        for (JsonNode map : rendered.all("ConfigMap")) {
            map.path("data").properties().forEach(entry -> {
                if (entry.getKey().endsWith(".yaml")) {
                    assertNoSecretKeys(describe(map) + " " + entry.getKey(), readYaml(entry.getValue().asText()));
                }
            });
        }
    }

    @Test
    void productionReadsEveryCredentialFromTheSecret() {
        Rendered production = overlays.get("production");
        Map<String, String> server = environment(production, serverContainer(production));
        for (String name : List.of("WANDB_API_KEY", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "LAUNCHPILOT_WEBHOOKS_WANDB_SECRET", "LAUNCHPILOT_WEBHOOKS_WANDB_ACCESS_TOKEN")) {
            assertTrue(server.getOrDefault(name, "missing").startsWith("secret:"), name + " from " + server.get(name));
        }
        assertTrue(server.keySet().stream().anyMatch(n -> n.matches("LAUNCHPILOT_AUTH_TOKENS_[A-Z0-9_]+_SECRET")),
                "at least one API token");
        assertTrue(plainEnv(production, serverContainer(production)).getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "")
                        .startsWith("jdbc:postgresql:"),
                "replicas share a PostgreSQL store");
        JsonNode cron = production.one("CronJob");
        JsonNode job = podSpec(cron).path("containers").get(0);
        assertTrue(environment(production, job).getOrDefault("WANDB_API_KEY", "missing").startsWith("secret:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void secretsHoldPlaceholdersOnly(String overlay) {
        for (JsonNode secret : overlays.get(overlay).all("Secret")) {
            secret.path("stringData").properties().forEach(e ->
                    assertEquals(PLACEHOLDER, e.getValue().asText(), describe(secret) + " " + e.getKey()));
            secret.path("data").properties().forEach(e -> assertEquals(PLACEHOLDER,
                    new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8),
                    describe(secret) + " " + e.getKey()));
        }
    }

    // ---- the CronJob, selectors, spreading ----

    @Test
    void cronJobAppliesTheQueuesOfTheDeployment() {
        Rendered production = overlays.get("production");
        JsonNode cron = production.one("CronJob");
        assertEquals("Forbid", cron.path("spec").path("concurrencyPolicy").asText());
        JsonNode pod = podSpec(cron);
        assertEquals("Never", pod.path("restartPolicy").asText());
        JsonNode container = pod.path("containers").get(0);
        assertEquals(List.of("queues", "apply"), strings(container.path("args")));
        assertTrue(container.path("command").isMissingNode(), "the image's entrypoint is the launcher");
        assertEquals("/config", plainEnv(production, container).get("LAUNCHPILOT_CONFIG_DIR"));
        JsonNode server = podSpec(production.one("Deployment"));
        assertEquals(configMapMountedAt(server, serverContainer(production), "/config/queues"),
                configMapMountedAt(pod, container, "/config/queues"));
        assertEquals(serverContainer(production).path("image").asText(), container.path("image").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void serviceSelectsTheServerPodsOnly(String overlay) {
        Rendered rendered = overlays.get(overlay);
        JsonNode deployment = rendered.one("Deployment");
        JsonNode labels = podTemplate(deployment).path("metadata").path("labels");
        assertTrue(subset(deployment.path("spec").path("selector").path("matchLabels"), labels));
        JsonNode service = rendered.one("Service");
        assertTrue(subset(service.path("spec").path("selector"), labels), "Service selects the Deployment's pods");
        JsonNode port = service.path("spec").path("ports").get(0);
        assertEquals(8080, port(serverContainer(rendered), port.path("targetPort").asText()));
        for (JsonNode cron : rendered.all("CronJob")) {
            assertFalse(subset(service.path("spec").path("selector"), podTemplate(cron).path("metadata").path("labels")),
                    "the Service must not send traffic to a Job's pod");
        }
    }

    @Test
    void pdbKeepsOneServerPodAndMatchesTheDeployment() {
        Rendered production = overlays.get("production");
        JsonNode pdb = production.one("PodDisruptionBudget");
        assertEquals(1, pdb.path("spec").path("minAvailable").asInt());
        JsonNode selector = pdb.path("spec").path("selector").path("matchLabels");
        assertFalse(selector.isEmpty());
        assertTrue(subset(selector, podTemplate(production.one("Deployment")).path("metadata").path("labels")),
                "PDB selector " + selector + " matches the Deployment's pods");
        assertFalse(subset(selector, podTemplate(production.one("CronJob")).path("metadata").path("labels")),
                "PDB counts server pods only");
    }

    @Test
    void productionSpreadsItsReplicasOverNodes() {
        Rendered production = overlays.get("production");
        JsonNode pod = podSpec(production.one("Deployment"));
        JsonNode labels = podTemplate(production.one("Deployment")).path("metadata").path("labels");
        boolean spread = StreamSupport.stream(pod.path("topologySpreadConstraints").spliterator(), false).anyMatch(c ->
                "kubernetes.io/hostname".equals(c.path("topologyKey").asText())
                        && subset(c.path("labelSelector").path("matchLabels"), labels));
        boolean antiAffinity = pod.path("affinity").has("podAntiAffinity");
        assertTrue(spread || antiAffinity, "replicas spread over nodes");
    }

    // ---- metrics and dashboard ----

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void podsCarryPrometheusScrapeAnnotations(String overlay) {
        JsonNode annotations = podTemplate(overlays.get(overlay).one("Deployment")).path("metadata").path("annotations");
        assertEquals("true", annotations.path("prometheus.io/scrape").asText());
        assertEquals("/q/metrics", annotations.path("prometheus.io/path").asText());
        assertEquals("8080", annotations.path("prometheus.io/port").asText());
    }

    @Test
    void prometheusOperatorComponentAddsServiceMonitorAndDashboard() throws IOException {
        Path dir = Path.of("target", "kustomize", "production-with-prometheus-operator");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), String.join("\n",
                "apiVersion: kustomize.config.k8s.io/v1beta1",
                "kind: Kustomization",
                "namespace: launchpilot",
                "resources: [../../../kubernetes/overlays/production]",
                "components: [../../../kubernetes/components/prometheus-operator]", ""));
        Rendered rendered = Rendered.of(dir);
        JsonNode monitor = rendered.one("ServiceMonitor");
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
        assertTrue(subset(monitor.path("spec").path("selector").path("matchLabels"),
                rendered.one("Service").path("metadata").path("labels")), "ServiceMonitor selects the Service");
        JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
        assertEquals("http", endpoint.path("port").asText());
        assertEquals("/q/metrics", endpoint.path("path").asText());
        assertFalse(podTemplate(rendered.one("Deployment")).path("metadata").path("annotations")
                .has("prometheus.io/scrape"), "scraped once, through the ServiceMonitor");
        JsonNode dashboard = rendered.named("ConfigMap", "launchpilot-grafana-dashboard");
        assertEquals("1", dashboard.path("metadata").path("labels").path("grafana_dashboard").asText());
        JSON.readTree(dashboard.path("data").path("launchpilot-dashboard.json").asText());
    }

    @Test
    void grafanaDashboardIsImportableAndCoversTheMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(KUBERNETES.resolve("grafana/launchpilot-dashboard.json").toFile());
        assertFalse(dashboard.path("title").asText().isEmpty());
        assertFalse(dashboard.path("uid").asText().isEmpty());
        assertTrue(dashboard.path("schemaVersion").asInt() > 0);
        Set<Integer> ids = new TreeSet<>();
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique");
            assertTrue(panel.path("gridPos").has("w") && panel.path("gridPos").has("h"), "gridPos of " + panel.path("title"));
            if (!"row".equals(panel.path("type").asText())) {
                assertFalse(panel.path("targets").isEmpty(), "targets of " + panel.path("title"));
                panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText()));
            }
        }
        Set<String> metrics = metricNames(String.join("\n", expressions));
        for (String expected : List.of("launchpilot_wandb_requests_total", "launchpilot_wandb_rate_limited_total",
                "launchpilot_watch_cycle_seconds_count", "launchpilot_watch_events_total",
                "launchpilot_policy_firings_total", "launchpilot_actions_total", "launchpilot_outbox_depth",
                "launchpilot_queue_depth", "launchpilot_queue_oldest_pending_seconds")) {
            assertTrue(metrics.contains(expected), "the dashboard shows " + expected);
        }
        assertDashboardFollowsTheReadme(metrics);
    }

    /** Once the top-level README documents the metrics, the dashboard may only use names it lists. */
    static void assertDashboardFollowsTheReadme(Set<String> metrics) throws IOException {
        Path readme = Path.of("README.md");
        if (!Files.exists(readme)) {
            return;
        }
        String text = Files.readString(readme);
        Matcher heading = Pattern.compile("(?m)^#+ +Metrics\\b.*$").matcher(text);
        if (!heading.find()) {
            return;
        }
        Matcher next = Pattern.compile("(?m)^#+ ").matcher(text);
        int end = next.find(heading.end()) ? next.start() : text.length();
        Set<String> documented = Pattern.compile("launchpilot[._][a-z0-9_.]+").matcher(text.substring(heading.start(), end))
                .results().map(m -> baseName(m.group().replace('.', '_'))).collect(Collectors.toSet());
        for (String metric : metrics) {
            assertTrue(documented.contains(baseName(metric)),
                    metric + " is used by the Grafana dashboard but not in the README's metrics section");
        }
    }

    // ---- the demo and example configuration ----

    @ParameterizedTest
    @ValueSource(strings = {"sandbox", "production"})
    void queueAndPolicyFilesAreLaunchpilotDocuments(String overlay) {
        Rendered rendered = overlays.get(overlay);
        JsonNode pod = podSpec(rendered.one("Deployment"));
        JsonNode container = serverContainer(rendered);
        Map<String, String> kinds = Map.of("/config/queues", "RunQueue", "/config/policies", "Policy");
        kinds.forEach((folder, kind) -> {
            JsonNode map = rendered.named("ConfigMap", configMapMountedAt(pod, container, folder));
            assertFalse(map.path("data").isEmpty(), folder + " has at least one file");
            map.path("data").properties().forEach(file -> {
                JsonNode document = readYaml(file.getValue().asText());
                assertEquals("launchpilot/v1", document.path("apiVersion").asText(), file.getKey());
                assertEquals(kind, document.path("kind").asText(), file.getKey());
            });
        });
    }

    // ---- rendering and navigation ----

    /** The objects of one {@code kubectl kustomize} run. */
    record Rendered(List<JsonNode> objects) {

        static Rendered of(Path directory) {
            String output = kubectl("kustomize", directory.toString());
            try (var parser = YAML.getFactory().createParser(output)) {
                List<JsonNode> objects = new ArrayList<>();
                for (Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                    JsonNode object = it.next();
                    if (object != null && !object.isNull() && !object.isMissingNode()) {
                        objects.add(object);
                    }
                }
                assertFalse(objects.isEmpty(), directory + " renders no object");
                return new Rendered(objects);
            } catch (IOException e) {
                throw new AssertionError("kubectl kustomize " + directory + " printed no valid YAML", e);
            }
        }

        Set<String> kinds() {
            return objects.stream().map(KubernetesManifestsTest::kind).collect(Collectors.toCollection(TreeSet::new));
        }

        List<JsonNode> all(String kind) {
            return objects.stream().filter(o -> kind.equals(kind(o))).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> found = all(kind);
            assertEquals(1, found.size(), "exactly one " + kind);
            return found.get(0);
        }

        JsonNode named(String kind, String name) {
            return all(kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " is rendered"));
        }
    }

    static String kubectl(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        Path errors;
        Process process;
        try {
            errors = Files.createTempFile("kubectl", ".err");
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not on the PATH: these tests render the manifests with `kubectl "
                    + String.join(" ", args) + "` (no cluster needed); install kubectl", e);
        }
        try {
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl " + String.join(" ", args) + " did not finish");
            }
            if (process.exitValue() != 0) {
                fail("kubectl " + String.join(" ", args) + " failed: " + Files.readString(errors));
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("reading kubectl's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a leftover file in the temp directory is harmless
            }
        }
    }

    static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    static String describe(JsonNode object) {
        return kind(object) + "/" + object.path("metadata").path("name").asText();
    }

    static List<JsonNode> workloads(Rendered rendered) {
        List<JsonNode> workloads = new ArrayList<>(rendered.all("Deployment"));
        workloads.addAll(rendered.all("CronJob"));
        return workloads;
    }

    static JsonNode podTemplate(JsonNode workload) {
        return "CronJob".equals(kind(workload))
                ? workload.path("spec").path("jobTemplate").path("spec").path("template")
                : workload.path("spec").path("template");
    }

    static JsonNode podSpec(JsonNode workload) {
        return podTemplate(workload).path("spec");
    }

    static JsonNode serverContainer(Rendered rendered) {
        JsonNode containers = podSpec(rendered.one("Deployment")).path("containers");
        assertEquals(1, containers.size(), "one container in the server pod");
        return containers.get(0);
    }

    static int port(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText()) || name.equals(port.path("containerPort").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port " + name);
    }

    static JsonNode mountAt(JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (path.equals(mount.path("mountPath").asText())) {
                return mount;
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    static JsonNode volume(JsonNode pod, String name) {
        for (JsonNode volume : pod.path("volumes")) {
            if (name.equals(volume.path("name").asText())) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    static String volumeType(JsonNode pod, JsonNode mount) {
        JsonNode volume = volume(pod, mount.path("name").asText());
        for (Iterator<String> it = volume.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!"name".equals(field)) {
                return field;
            }
        }
        throw new AssertionError("volume without a source: " + volume);
    }

    static String configMapMountedAt(JsonNode pod, JsonNode container, String path) {
        JsonNode volume = volume(pod, mountAt(container, path).path("name").asText());
        String name = volume.path("configMap").path("name").asText();
        assertFalse(name.isEmpty(), path + " is a ConfigMap");
        return name;
    }

    /**
     * Every variable the container sees, with where its value comes from: {@code value:...},
     * {@code secret:NAME/KEY}, {@code configmap:NAME/KEY} or {@code field:PATH}. Sources named in
     * {@code envFrom} must be rendered, since their keys are the variables.
     */
    static Map<String, String> environment(Rendered rendered, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                String name = from.path("configMapRef").path("name").asText();
                rendered.named("ConfigMap", name).path("data").fieldNames()
                        .forEachRemaining(key -> env.put(key, "configmap:" + name + "/" + key));
            } else if (from.has("secretRef")) {
                String name = from.path("secretRef").path("name").asText();
                JsonNode secret = rendered.named("Secret", name);
                secret.path("stringData").fieldNames().forEachRemaining(key -> env.put(key, "secret:" + name + "/" + key));
                secret.path("data").fieldNames().forEachRemaining(key -> env.put(key, "secret:" + name + "/" + key));
            }
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            JsonNode from = variable.path("valueFrom");
            if (variable.has("value")) {
                env.put(name, "value:" + variable.path("value").asText());
            } else if (from.has("secretKeyRef")) {
                JsonNode ref = from.path("secretKeyRef");
                env.put(name, "secret:" + ref.path("name").asText() + "/" + ref.path("key").asText());
            } else if (from.has("configMapKeyRef")) {
                JsonNode ref = from.path("configMapKeyRef");
                env.put(name, "configmap:" + ref.path("name").asText() + "/" + ref.path("key").asText());
            } else if (from.has("fieldRef")) {
                env.put(name, "field:" + from.path("fieldRef").path("fieldPath").asText());
            } else {
                env.put(name, "value:");
            }
        }
        return env;
    }

    /** The variables with a literal value, from the pod spec or from a ConfigMap. */
    static Map<String, String> plainEnv(Rendered rendered, JsonNode container) {
        Map<String, String> plain = new LinkedHashMap<>();
        environment(rendered, container).forEach((name, source) -> {
            if (source.startsWith("value:")) {
                plain.put(name, source.substring("value:".length()));
            } else if (source.startsWith("configmap:")) {
                String[] ref = source.substring("configmap:".length()).split("/", 2);
                plain.put(name, rendered.named("ConfigMap", ref[0]).path("data").path(ref[1]).asText());
            }
        });
        return plain;
    }

    static void assertNoSecretKeys(String where, JsonNode node) {
        node.properties().forEach(entry -> {
            String key = entry.getKey().toLowerCase(Locale.ROOT).replace('_', '-');
            boolean leaf = entry.getValue().isValueNode();
            assertFalse(leaf && (key.equals("secret") || key.equals("password") || key.endsWith("api-key")
                            || key.endsWith("access-token")),
                    where + ": " + entry.getKey() + " is a credential; it belongs in the Secret");
            assertNoSecretKeys(where, entry.getValue());
        });
        if (node.isArray()) {
            node.forEach(element -> assertNoSecretKeys(where, element));
        }
    }

    static JsonNode readYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("invalid YAML: " + e.getMessage(), e);
        }
    }

    static boolean subset(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }

    static Set<String> metricNames(String text) {
        return Pattern.compile("launchpilot_[a-z0-9_]+").matcher(text).results().map(MatchResult::group)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A Prometheus series name without the suffixes Micrometer adds to counters and timers. */
    static String baseName(String metric) {
        return metric.replaceAll("(_seconds)?(_total|_count|_sum|_max|_bucket)?$", "");
    }
}
