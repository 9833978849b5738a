package io.burrow.mcp.testkit.fakes.internal;

import java.time.Duration;

/**
 * Counts connections that a client closed while a fake server held them, and lets a test wait for a
 * number of them. Used by the fake servers; thread-safe.
 */
public final class ClientCloses {

    private int count;

    /** Counts one more close. */
    public synchronized void add() {
        count++;
        notifyAll();
    }

    /** Closes counted so far. */
    public synchronized int count() {
        return count;
    }

    /** Waits until {@code n} closes were counted; whether they were within {@code timeout}. */
    public synchronized boolean await(int n, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (count < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
