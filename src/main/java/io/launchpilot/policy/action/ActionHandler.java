package io.launchpilot.policy.action;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.launchpilot.store.ActionRecord;

/**
 * Carries out one type of action. A handler makes the effect happen at most once more: when
 * {@code resumed} is true an earlier attempt started and may have had its effect (a crash, a timeout),
 * so the handler looks for it first and reports it instead of acting again.
 */
interface ActionHandler {

    ActionType type();

    /**
     * Acts, or finds that the effect already exists.
     *
     * @return what the effect is (e.g. the queued item's id); {@code "existed": true} when it was found
     * @throws ActionFailure for failures the handler recognises; any other exception is classified by the executor
     */
    ObjectNode execute(ActionRecord action, boolean resumed);
}
