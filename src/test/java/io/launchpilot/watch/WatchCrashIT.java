package io.launchpilot.watch;

import static io.launchpilot.PackagedJar.await;
import static io.launchpilot.PackagedJar.freePort;

import io.launchpilot.PackagedJar;
import io.launchpilot.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills {@code launchpilot serve} (the packaged jar, SIGKILL) at random moments while runs change
 * under it, restarts it each time, and checks the ledger it leaves: every change it reports is
 * reported once, state changes chain (each {@code from} is the previous {@code to}), and the last
 * state and summary of every run are in it. On the embedded H2 file and on PostgreSQL.
 *
 * <p>Needs the packaged application; runs in {@code ./mvnw verify} after {@code package}.
 */
class WatchCrashIT {

    static final String ENTITY = "crash";
    static final String KEY = "x".repeat(40);

    PackagedJar jar;

    @AfterEach
    void stop() {
        jar.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void killedMidPollItReportsEveryChangeOnce(String database) throws Exception {
        Path workdir = Files.createTempDirectory("lp-crash-");
        jar = new PackagedJar(workdir);
        String storeUrl = database.equals("h2") ? "jdbc:h2:file:" + workdir.resolve("ledger") : TestDatabases.postgresUrl();
        int sandboxPort = freePort();
        jar.start("sandbox", "sandbox", List.of("-Dquarkus.http.port=" + sandboxPort,
                "-Dlaunchpilot.sandbox.simulator.enabled=false"), Map.of());
        String sandbox = "http://127.0.0.1:" + sandboxPort;
        await(() -> jar.get(sandbox + "/sandbox/api/stats") != null, "the sandbox");

        List<String> projects = List.of("a", "b", "c");
        RunChanges runs = new RunChanges(jar, sandbox, ENTITY);
        runs.create(projects, 4);

        int servePort = freePort();
        List<String> serveProperties = new ArrayList<>(List.of("-Dquarkus.http.port=" + servePort,
                "-Dlaunchpilot.watch.interval=1s", "-Dquarkus.datasource.jdbc.url=" + storeUrl,
                "-Dquarkus.datasource.username=postgres"));
        for (int i = 0; i < projects.size(); i++) {
            serveProperties.add("-Dlaunchpilot.watch.scopes[" + i + "].entity=" + ENTITY);
            serveProperties.add("-Dlaunchpilot.watch.scopes[" + i + "].project=" + projects.get(i));
        }
        Map<String, String> env = Map.of("WANDB_BASE_URL", sandbox + "/sandbox", "WANDB_API_KEY", KEY);
        String serve = "http://127.0.0.1:" + servePort;

        Process server = jar.start("serve", "serve", serveProperties, env);
        await(() -> jar.get(serve + "/q/health/ready") != null, "serve");
        Thread.sleep(3000);
        for (int kill = 0; kill < 8; kill++) {
            runs.step(6, 250);
            if (kill % 3 == 2) {
                runs.end();
            }
            Thread.sleep(runs.randomPause(1500));
            server.destroyForcibly().waitFor();
            server = jar.start("serve", "serve", serveProperties, env);
            await(() -> jar.get(serve + "/q/health/ready") != null, "serve after a kill");
        }
        Thread.sleep(5000);

        runs.assertReportedOnceEach(jar.events(serve));
    }
}
