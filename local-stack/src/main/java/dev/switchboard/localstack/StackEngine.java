package dev.switchboard.localstack;

import java.util.concurrent.Callable;

/**
 * One engine of a running stack (Kafka, PostgreSQL or Redis) that a fault test can take
 * away and bring back: it starts again on the same port, with the same data.
 */
public final class StackEngine {

    private final String name;

    private final String title;

    private final String detail;

    private final Callable<AutoCloseable> starter;

    private AutoCloseable running;

    StackEngine(String name, String title, String detail, Callable<AutoCloseable> starter) {
        this.name = name;
        this.title = title;
        this.detail = detail;
        this.starter = starter;
    }

    /**
     * The engine's name as {@link LocalStack#engine(String)} knows it.
     * @return {@code kafka}, {@code postgres} or {@code redis}
     */
    public String name() {
        return this.name;
    }

    String title() {
        return this.title;
    }

    String detail() {
        return this.detail;
    }

    /**
     * Whether the engine is running (started and neither stopped nor killed since).
     * @return whether it runs
     */
    public synchronized boolean isRunning() {
        return this.running != null;
    }

    /**
     * Starts the engine and waits until it answers; does nothing if it runs.
     * @throws Exception if it did not start
     */
    public synchronized void start() throws Exception {
        if (this.running == null) {
            this.running = this.starter.call();
        }
    }

    /**
     * Stops the engine the way its operator would (Kafka and Redis by SIGTERM, PostgreSQL
     * by a fast shutdown, which ends its sessions); does nothing if it does not run.
     */
    public synchronized void stop() {
        if (this.running != null) {
            AutoCloseable engine = this.running;
            this.running = null;
            try {
                engine.close();
            }
            catch (Exception ex) {
                throw new IllegalStateException("Could not stop " + this.name, ex);
            }
        }
    }

    /**
     * Kills the engine without warning (SIGKILL) where it is a process of its own
     * (Kafka), otherwise stops it as {@link #stop()} does.
     */
    public synchronized void kill() {
        if (this.running instanceof LocalKafka kafka) {
            this.running = null;
            kafka.kill();
        }
        else {
            stop();
        }
    }

}
