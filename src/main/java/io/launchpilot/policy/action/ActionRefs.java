package io.launchpilot.policy.action;

import io.launchpilot.wandb.ArtifactRef;
import io.launchpilot.wandb.QueueRef;
import io.launchpilot.wandb.RunRef;
import io.launchpilot.wandb.SweepRef;
import java.util.function.Function;

/** W&B paths in action parameters, with a malformed one as a permanent failure naming the parameter. */
final class ActionRefs {

    private ActionRefs() {
    }

    static RunRef run(Params params, String name) {
        return parse(params, name, RunRef::parse);
    }

    static SweepRef sweep(Params params, String name) {
        return parse(params, name, SweepRef::parse);
    }

    static QueueRef queue(Params params, String name) {
        return parse(params, name, QueueRef::parse);
    }

    static ArtifactRef artifact(Params params, String name) {
        return parse(params, name, ArtifactRef::parse);
    }

    private static <T> T parse(Params params, String name, Function<String, T> parser) {
        String path = params.text(name);
        try {
            return parser.apply(path);
        } catch (IllegalArgumentException e) {
            throw params.invalid(name + ": " + e.getMessage());
        }
    }
}
