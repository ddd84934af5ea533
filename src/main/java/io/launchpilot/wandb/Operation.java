package io.launchpilot.wandb;

import io.quarkus.runtime.annotations.RegisterResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The GraphQL operations the client sends, each with its document in
 * {@code src/main/resources/wandb/<operationName>.graphql}. The names are the SDK's, so W&B (and the
 * sandbox's request statistics) see the same operation names as from the official client.
 */
@RegisterResources(globs = "wandb/*.graphql")
enum Operation {
    GET_VIEWER("GetViewer"),
    CREATE_PROJECT("CreateProject"),
    CREATE_DEFAULT_RESOURCE_CONFIG("CreateDefaultResourceConfig"),
    CREATE_RUN_QUEUE("CreateRunQueue"),
    UPSERT_RUN_QUEUE("UpsertRunQueue"),
    GET_RUN_QUEUE_BY_NAME("GetRunQueueByName"),
    GET_RUN_QUEUE_ITEMS("GetRunQueueItems"),
    PROJECT_RUN_QUEUES("ProjectRunQueues"),
    DELETE_RUN_QUEUES("DeleteRunQueues"),
    PUSH_TO_RUN_QUEUE_BY_NAME("pushToRunQueueByName"),
    RUNS("Runs"),
    RUN("Run"),
    UPSERT_BUCKET("UpsertBucket"),
    STOP_RUN("StopRun"),
    GET_SWEEP("GetSweep"),
    GET_SWEEPS("GetSweeps"),
    UPSERT_SWEEP("UpsertSweep"),
    ARTIFACT_MEMBERSHIP_BY_NAME("ArtifactMembershipByName"),
    RUN_OUTPUT_ARTIFACTS("RunOutputArtifacts"),
    LINK_ARTIFACT("LinkArtifact"),
    FETCH_ORG_INFO_FROM_ENTITY("FetchOrgInfoFromEntity"),
    RUN_QUEUES_WITH_CONFIG("RunQueuesWithConfig"),
    GET_RUN_QUEUE_SETTINGS("GetRunQueueSettings");

    static final String RESOURCE_DIRECTORY = "wandb/";

    /** Read on first use and kept: the documents never change while the process runs. */
    private static final Map<Operation, String> DOCUMENTS = new EnumMap<>(Operation.class);

    private final String operationName;

    Operation(String operationName) {
        this.operationName = operationName;
    }

    String operationName() {
        return operationName;
    }

    String resourcePath() {
        return RESOURCE_DIRECTORY + operationName + ".graphql";
    }

    String document() {
        synchronized (DOCUMENTS) {
            return DOCUMENTS.computeIfAbsent(this, Operation::load);
        }
    }

    private String load() {
        try (InputStream in = Operation.class.getClassLoader().getResourceAsStream(resourcePath())) {
            if (in == null) {
                throw new IllegalStateException("GraphQL document " + resourcePath() + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GraphQL document " + resourcePath(), e);
        }
    }
}
