package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;

/** Resetting the sandbox: state, request counts and faults, optionally re-seeding the demo. */
@ApplicationScoped
public class SandboxControl {

    private final SandboxStore store;
    private final SandboxStats stats;
    private final FaultInjector faults;
    private final DemoData demo;

    SandboxControl(SandboxStore store, SandboxStats stats, FaultInjector faults, DemoData demo) {
        this.store = store;
        this.stats = stats;
        this.faults = faults;
        this.demo = demo;
    }

    public void reset(boolean seedDemo) {
        store.clear();
        stats.clear();
        faults.clear();
        if (seedDemo) {
            demo.seed();
        }
    }
}
