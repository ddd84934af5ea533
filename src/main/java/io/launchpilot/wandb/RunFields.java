package io.launchpilot.wandb;

/** How much of each run a {@link WandbBatch} read fetches. */
public enum RunFields {
    /** Identity, state and times: {@code id name displayName state createdAt heartbeatAt sweepName}. Config and summary stay empty. */
    STATE,
    /** {@link #STATE} and the summary. Config stays empty. */
    SUMMARY,
    /** The SDK's full run fragment, as {@link WandbClient#runsPage} reads it. */
    FULL
}
