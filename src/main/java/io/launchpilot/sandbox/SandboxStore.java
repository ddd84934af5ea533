package io.launchpilot.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Random;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The sandbox's in-memory state behind one read/write lock: SDK requests arrive concurrently, and
 * one lock keeps multi-table changes (push an item, link an artifact) atomic without ceremony.
 */
@ApplicationScoped
public class SandboxStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private SandboxData data = new SandboxData(new Random());

    <T> T read(Function<SandboxData, T> query) {
        lock.readLock().lock();
        try {
            return query.apply(data);
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Function<SandboxData, T> change) {
        lock.writeLock().lock();
        try {
            return change.apply(data);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void update(Consumer<SandboxData> change) {
        write(d -> {
            change.accept(d);
            return null;
        });
    }

    /** Forgets everything. */
    public void clear() {
        lock.writeLock().lock();
        try {
            data = new SandboxData(new Random());
        } finally {
            lock.writeLock().unlock();
        }
    }
}
