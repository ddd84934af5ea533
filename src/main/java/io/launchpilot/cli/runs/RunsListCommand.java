package io.launchpilot.cli.runs;

import io.launchpilot.cli.Column;
import io.launchpilot.cli.PrintingCommand;
import io.launchpilot.cli.UsageException;
import io.launchpilot.wandb.ProjectRef;
import io.launchpilot.wandb.Run;
import io.launchpilot.wandb.RunQuery;
import io.launchpilot.wandb.WandbClient;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", description = "List the runs of a project, filtered and ordered as W&B does.",
        mixinStandardHelpOptions = true)
public class RunsListCommand extends PrintingCommand {

    static final int MAX_LIMIT = 10_000;

    @Parameters(paramLabel = "ENTITY/PROJECT", description = "The project, e.g. demo/vision.")
    ProjectRef project;

    @Option(names = "--filter", paramLabel = "JSON",
            description = "W&B run filter (MongoDB style), e.g. '{\"state\":\"finished\",\"summary_metrics.val_acc\":{\"$gte\":0.9}}'.")
    String filter;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = RunQuery.DEFAULT_ORDER,
            description = "+ or - and created_at, heartbeat_at, config.KEY.value or summary_metrics.KEY (default: ${DEFAULT-VALUE}).")
    String order;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
            description = "At most N runs, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
    int limit;

    @Inject
    WandbClient wandb;

    @Inject
    ObjectMapper mapper;

    @Override
    public Integer call() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new UsageException("--limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        RunQuery query = RunQuery.all().withFilters(checkedFilter()).withOrder(order)
                .withPerPage(Math.min(limit, 1000));
        List<Run> runs = wandb.runs(project, query, limit).toList();
        printList(runs, List.of(
                Column.of("NAME", (Run r) -> r.ref().name()),
                Column.of("DISPLAY NAME", Run::displayName),
                Column.of("STATE", Run::state),
                Column.of("CREATED", Run::createdAt),
                Column.of("HEARTBEAT", Run::heartbeatAt),
                Column.of("SWEEP", Run::sweep),
                Column.of("TAGS", Run::tags)));
        return 0;
    }

    /** W&B answers a malformed filter with a terse server error; say what is wrong before asking. */
    private String checkedFilter() {
        if (filter == null) {
            return null;
        }
        try {
            JsonNode parsed = mapper.readTree(filter);
            if (parsed == null || !parsed.isObject()) {
                throw new UsageException("--filter must be a JSON object, got: " + filter);
            }
            return filter;
        } catch (JsonProcessingException e) {
            throw new UsageException("--filter is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
