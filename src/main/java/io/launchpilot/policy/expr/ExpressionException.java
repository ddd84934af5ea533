package io.launchpilot.policy.expr;

/** A {@code ${...}} expression that is malformed, or that names something the context does not hold. */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }
}
