package io.launchpilot.queue;

/** W&B refused or failed some changes of an apply; the others were applied. The result says which. */
public class ApplyFailedException extends RuntimeException {

    private final ApplyResult result;

    public ApplyFailedException(ApplyResult result) {
        super(result.failures().size() + " of " + (result.failures().size() + result.applied().size())
                + " changes failed in W&B; the others were applied");
        this.result = result;
    }

    public ApplyResult result() {
        return result;
    }
}
