package dev.switchboard.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's {@code jcmd}, run against a service's process: a full collection before the
 * heap is read, a flight recording while measured.
 */
final class Jcmd {

    private Jcmd() {
    }

    /**
     * Runs one diagnostic command and waits for it.
     * @param pid the process
     * @param command the command and its arguments, such as {@code GC.run}
     * @return what jcmd printed
     * @throws IllegalStateException if it failed or took over a minute
     */
    static String run(long pid, String... command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Path output = null;
        try {
            // To a file rather than a pipe: a jcmd that hangs cannot hold up the wait.
            output = Files.createTempFile("benchmark-jcmd", ".out");
            Process process = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8).trim();
            if (!done || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "jcmd " + pid + " " + String.join(" ", command) + " failed: " + printed);
            }
            return printed;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run " + jcmd + " (a JDK, not a JRE, runs the benchmark)", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

}
