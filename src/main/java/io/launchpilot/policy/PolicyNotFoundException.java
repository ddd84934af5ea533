package io.launchpilot.policy;

/** No running policy has this name. */
public class PolicyNotFoundException extends RuntimeException {

    public PolicyNotFoundException(String name) {
        super("no policy named " + name);
    }
}
