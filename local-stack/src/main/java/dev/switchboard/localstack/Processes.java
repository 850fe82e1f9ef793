package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child processes: the java executable to start them with, a record of their ids so that
 * a crashed launcher's leftovers are stopped on the next start, and a clean stop.
 */
final class Processes {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Processes() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A command started in a session of its own where {@code setsid} exists, so that a
     * Ctrl-C in the terminal reaches only the launcher, which then stops the children in
     * order (services first, then Kafka) instead of all at once.
     */
    static List<String> detached(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }

    static void remember(Path runDirectory, String name, Process process) throws IOException {
        Files.createDirectories(runDirectory);
        Files.writeString(runDirectory.resolve(name + ".pid"), Long.toString(process.pid()), StandardCharsets.UTF_8);
    }

    static void forget(Path runDirectory, String name) {
        try {
            Files.deleteIfExists(runDirectory.resolve(name + ".pid"));
        }
        catch (IOException ex) {
            // harmless: the next start checks whether the process still runs
        }
    }

    /**
     * Stops processes that an earlier launcher started and did not stop (it was killed).
     * @return the names of the processes stopped
     */
    static List<String> stopLeftovers(Path runDirectory) throws IOException {
        if (!Files.isDirectory(runDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runDirectory)) {
            return files.filter((file) -> file.getFileName().toString().endsWith(".pid")).flatMap((file) -> {
                String name = file.getFileName().toString().replace(".pid", "");
                try {
                    long pid = Long.parseLong(Files.readString(file).trim());
                    Files.delete(file);
                    return ProcessHandle.of(pid)
                        .filter(ProcessHandle::isAlive)
                        .filter((handle) -> handle.info().command().orElse("").endsWith("java"))
                        .map((handle) -> {
                            stop(handle, 10);
                            return name;
                        })
                        .stream();
                }
                catch (IOException | NumberFormatException ex) {
                    return Stream.empty();
                }
            }).toList();
        }
    }

    /**
     * Asks a process to stop (SIGTERM), and kills it if it has not after a while.
     */
    static void stop(ProcessHandle process, int graceSeconds) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(graceSeconds, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            process.destroyForcibly();
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            }
            catch (Exception ignored) {
                // it is gone or beyond our reach
            }
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException ex) {
            return "(no log)";
        }
    }

}
