package io.launchpilot.wandb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GraphQL operations the client sends, each with its document in
 * {@code src/main/resources/wandb/<operationName>.graphql}. Fragments shared by several documents
 * live once in {@code wandb/fragments/<FragmentName>.graphql}; each document is sent with the
 * fragments it spreads (transitively) appended, so W&B gets one self-contained document as from the SDK. The names are the SDK's, so W&B (and the
 * sandbox's request statistics) see the same operation names as from the official client.
 */
enum Operation {
    GET_VIEWER("GetViewer"),
    CREATE_PROJECT("CreateProject"),
    CREATE_DEFAULT_RESOURCE_CONFIG("CreateDefaultResourceConfig"),
    CREATE_RUN_QUEUE("CreateRunQueue"),
    UPSERT_RUN_QUEUE("UpsertRunQueue"),
    GET_RUN_QUEUE_BY_NAME("GetRunQueueByName"),
    GET_RUN_QUEUE_ITEMS("GetRunQueueItems"),
    GET_RUN_QUEUE_ITEM_SPECS("GetRunQueueItemSpecs"),
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
    static final String FRAGMENT_DIRECTORY = RESOURCE_DIRECTORY + "fragments/";
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");

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
        StringBuilder document = new StringBuilder(read(resourcePath()));
        Set<String> appended = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(spreads(document));
        while (!pending.isEmpty()) {
            String fragment = pending.pop();
            if (appended.add(fragment)) {
                String text = read(FRAGMENT_DIRECTORY + fragment + ".graphql");
                document.append('\n').append(text);
                pending.addAll(spreads(text));
            }
        }
        return document.toString();
    }

    /** Named fragment spreads ({@code ...Name}); inline fragments ({@code ... on Type}) are skipped. */
    private static List<String> spreads(CharSequence text) {
        List<String> names = new ArrayList<>();
        Matcher matcher = SPREAD.matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).equals("on")) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String read(String path) {
        try (InputStream in = Operation.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("GraphQL document " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GraphQL document " + path, e);
        }
    }
}
