package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** {@code log}: writes {@code message} to the service log, at {@code level} info (default) or warn. */
@ApplicationScoped
class LogAction implements ActionHandler {

    private static final Logger LOG = Logger.getLogger(LogAction.class);

    @Override
    public ActionType type() {
        return ActionType.LOG;
    }

    @Override
    public ObjectNode execute(ActionRecord action, boolean resumed) {
        Params params = Params.of(action);
        String message = params.text("message");
        Logger.Level level = switch (params.text("level", "info")) {
            case "info" -> Logger.Level.INFO;
            case "warn" -> Logger.Level.WARN;
            default -> throw params.invalid("level must be info or warn, got " + params.text("level"));
        };
        // a line logged twice after a crash is harmless: log is at-least-once
        LOG.logf(level, "policy %s (%s): %s", action.policy(), action.subject(), message);
        return Params.result().put("logged", message).put("level", level.name().toLowerCase(java.util.Locale.ROOT));
    }
}
