/**
 * The embedded W&B-compatible sandbox: plays W&B at {@code /sandbox} so that the official SDK and
 * the Launchpilot client work without a W&B account.
 *
 * <ul>
 *   <li>{@code POST /sandbox/graphql}: W&B's GraphQL operations (schema in
 *       {@code sandbox/schema.graphqls}, fetchers in {@code graphql}), over in-memory state
 *       ({@link io.launchpilot.sandbox.SandboxStore}) shared by the feature services
 *       ({@code RunService}, {@code SweepService}, {@code QueueService}, {@code ArtifactService}).</li>
 *   <li>{@code /sandbox/api/*}: the control API for tests and demos
 *       ({@link io.launchpilot.sandbox.SandboxControlResource}).</li>
 *   <li>The demo ({@link io.launchpilot.sandbox.DemoData}) and its
 *       {@link io.launchpilot.sandbox.Simulator}.</li>
 *   <li>Runs are filtered and ordered by {@code io.launchpilot.filter}, which knows nothing
 *       of this package.</li>
 * </ul>
 * It is active in the {@code sandbox} run mode, and in {@code serve} without a W&B API key
 * ({@link io.launchpilot.sandbox.SandboxActivation}); otherwise every {@code /sandbox} path is 404.
 */
package io.launchpilot.sandbox;
