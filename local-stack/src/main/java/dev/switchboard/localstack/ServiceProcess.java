package dev.switchboard.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Switchboard service running as its own JVM from its Spring Boot jar, with its
 * output in its own log file.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;

    private final Path jar;

    private final int port;

    private final Map<String, String> properties;

    private final Map<String, String> environment;

    private final Path log;

    private final Path runDirectory;

    private final List<String> jvmOptions;

    private final boolean classDataSharing;

    private Process process;

    // Whether the running process writes a class-data archive as it exits, which takes
    // tens of seconds on two cores when every service does it at once.
    private boolean recordsClasses;

    ServiceProcess(String name, Path jar, int port, Map<String, String> properties, Map<String, String> environment,
            Path log, Path runDirectory, List<String> jvmOptions, boolean classDataSharing) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.properties = new LinkedHashMap<>(properties);
        this.environment = environment;
        this.log = log;
        this.runDirectory = runDirectory;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classDataSharing = classDataSharing;
    }

    /**
     * Another instance of this service, with the same jar, settings and environment,
     * under another name and port (not started).
     */
    ServiceProcess another(String name, int port, Path log, Map<String, String> extraProperties) {
        Map<String, String> properties = new LinkedHashMap<>(this.properties);
        properties.putAll(extraProperties);
        return new ServiceProcess(name, this.jar, port, properties, this.environment, log, this.runDirectory,
                this.jvmOptions, this.classDataSharing);
    }

    /**
     * The Spring Boot jar that {@code <root>/<module>/target} holds.
     */
    static Path jarOf(Path root, String module) throws IOException {
        Path target = root.resolve(module).resolve("target");
        if (Files.isDirectory(target)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*.jar")) {
                for (Path jar : jars) {
                    String file = jar.getFileName().toString();
                    if (!file.endsWith("-plain.jar") && !file.endsWith("-sources.jar")) {
                        return jar;
                    }
                }
            }
        }
        throw new StartupException(module + " is not built (no jar in " + target + "): run ./mvnw package first");
    }

    /**
     * The service's name, such as {@code gateway-1}.
     * @return the name
     */
    public String name() {
        return this.name;
    }

    /**
     * The HTTP port.
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * The log file.
     * @return the path
     */
    public Path log() {
        return this.log;
    }

    /**
     * Whether the process runs.
     * @return true while it runs
     */
    public boolean isAlive() {
        return this.process != null && this.process.isAlive();
    }

    /**
     * The process id of the running service (for tools such as {@code jcmd}).
     * @return the pid
     * @throws IllegalStateException if it was never started
     */
    public long pid() {
        if (this.process == null) {
            throw new IllegalStateException(this.name + " was not started");
        }
        return this.process.pid();
    }

    /**
     * Starts the process (again).
     * @throws IOException if it cannot be started
     */
    public synchronized void start() throws IOException {
        List<String> command = new ArrayList<>(
                List.of(Processes.java(), "-Xms64m", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(this.jvmOptions);
        List<String> launch = this.classDataSharing ? ClassDataSharing.launch(this.jar)
                : List.of("-jar", this.jar.toString());
        this.recordsClasses = launch.stream().anyMatch((option) -> option.startsWith(ClassDataSharing.RECORD));
        command.addAll(launch);
        command.add("--server.port=" + this.port);
        this.properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(Processes.detached(command)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
        builder.environment().putAll(this.environment);
        this.process = builder.start();
        Processes.remember(this.runDirectory, this.name, this.process);
    }

    /**
     * Waits until the service's readiness probe answers UP.
     * @param timeout how long to wait
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest
            .newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .build();
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new StartupException(this.name + " exited with code " + this.process.exitValue() + ": see "
                        + this.log + "\n" + Processes.tail(this.log, 25));
            }
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new StartupException(this.name + " did not become ready in " + timeout.toSeconds() + "s: see " + this.log
                + "\n" + Processes.tail(this.log, 25));
    }

    /**
     * Stops the service gracefully (SIGTERM), as an orchestrator would.
     */
    public synchronized void stop() {
        if (this.process != null) {
            Processes.stop(this.process.toHandle(), this.recordsClasses ? 120 : 20);
            Processes.forget(this.runDirectory, this.name);
        }
    }

    /**
     * Kills the service without warning (SIGKILL), as a crashed machine would.
     */
    public synchronized void kill() throws InterruptedException {
        if (this.process != null) {
            this.process.destroyForcibly().waitFor();
            Processes.forget(this.runDirectory, this.name);
        }
    }

}
