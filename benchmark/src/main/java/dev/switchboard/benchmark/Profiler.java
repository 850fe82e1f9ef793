package dev.switchboard.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.switchboard.localstack.ServiceProcess;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flight recording of each service while measured, read back with
 * {@code jdk.jfr.consumer}: where the CPU samples of each service were, by area of code
 * and by method. Where to look first, before touching code. Each service records from its
 * start ({@link #jvmOptions()}, the JDK's {@code profile} settings), so that nothing
 * starts in the measured window itself; {@link #report()} dumps the window
 * ({@code jcmd JFR.dump}) into a file beside the service's log, and only the samples
 * taken in it count.
 */
final class Profiler {

    private static final String RECORDING = "switchboard-benchmark";

    private static final int TOP_METHODS = 10;

    private static final int TOP_AREAS = 8;

    /**
     * Areas by the package of a frame's class, the first that matches: the more specific
     * prefixes come first.
     */
    private static final List<Map.Entry<String, String>> AREAS = List.of(Map.entry("io.netty.", "io.netty"),
            Map.entry("reactor.", "reactor"), Map.entry("org.apache.kafka.", "org.apache.kafka"),
            Map.entry("org.springframework.kafka.", "org.springframework.kafka"),
            Map.entry("org.springframework.", "org.springframework"), Map.entry("tools.jackson.", "jackson"),
            Map.entry("com.fasterxml.", "jackson"), Map.entry("dev.switchboard.", "dev.switchboard"),
            Map.entry("java.util.concurrent.", "java.util.concurrent"), Map.entry("java.", "java.*"),
            Map.entry("jdk.", "jdk.*"), Map.entry("sun.", "sun.*"), Map.entry("com.sun.", "sun.*"),
            Map.entry("org.postgresql.", "org.postgresql"), Map.entry("com.zaxxer.", "com.zaxxer"),
            Map.entry("org.hibernate.", "org.hibernate"), Map.entry("io.lettuce.", "io.lettuce"),
            Map.entry("io.micrometer.", "io.micrometer"));

    private final List<ServiceProcess> services;

    /** Why a service has no recording, by service: the run goes on without it. */
    private final Map<String, String> problems = new ConcurrentHashMap<>();

    private Instant begin;

    private Instant end;

    Profiler(List<ServiceProcess> services) {
        this.services = List.copyOf(services);
    }

    /**
     * The JVM options that make a service record from its start.
     * @return the options
     */
    static List<String> jvmOptions() {
        return List.of("-XX:StartFlightRecording:name=" + RECORDING + ",settings=profile,maxage=30m");
    }

    /** Marks the start of the measured window. */
    void start() {
        this.begin = Instant.now();
    }

    /** Marks the end of the measured window. */
    void stop() {
        this.end = Instant.now();
    }

    /**
     * Writes each service's recording of the window to {@code <service>.jfr} beside its
     * log, and reads them. Dumping costs the services some CPU: call it after what was
     * sent in the window has arrived.
     * @return lines that say where each service's samples were
     */
    List<String> report() {
        Instant end = this.end;
        this.services.parallelStream().forEach((service) -> {
            try {
                // A second more on each side: the dump keeps whole chunks anyway, and
                // the samples are filtered by their time when read.
                Jcmd.run(service.pid(), "JFR.dump", "name=" + RECORDING, "begin=" + this.begin.minusSeconds(1),
                        "end=" + end.plusSeconds(1), "filename=" + recording(service));
            }
            catch (IllegalStateException ex) {
                this.problems.put(service.name(), ex.getMessage());
            }
        });
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT,
                "profile: JFR samples in the %.0f s measured (Java code; JIT and GC threads are not sampled), by "
                        + "the area of the sampled (top) frame, by the first frame outside the JDK, and the top "
                        + "methods; recordings in %s",
                Duration.between(this.begin, end).toMillis() / 1000.0, recording(this.services.get(0)).getParent()));
        for (ServiceProcess service : this.services) {
            String problem = this.problems.get(service.name());
            lines.addAll((problem != null) ? List.of("  " + service.name() + ": no recording: " + problem)
                    : summary(service.name(), recording(service), this.begin, end));
        }
        return lines;
    }

    private static Path recording(ServiceProcess service) {
        return service.log().resolveSibling(service.name() + ".jfr").toAbsolutePath();
    }

    private static List<String> summary(String service, Path file, Instant begin, Instant end) {
        Map<String, Integer> topAreas = new HashMap<>();
        Map<String, Integer> callerAreas = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int samples = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getStartTime().isBefore(begin) || event.getStartTime().isAfter(end)) {
                    continue;
                }
                String type = event.getEventType().getName();
                RecordedStackTrace stack = event.getStackTrace();
                if (!type.equals("jdk.ExecutionSample") || stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedMethod top = stack.getFrames().get(0).getMethod();
                String topClass = className(top);
                topAreas.merge(area(topClass), 1, Integer::sum);
                callerAreas.merge(area(firstOutsideJdk(stack, topClass)), 1, Integer::sum);
                methods.merge(topClass + "." + ((top != null) ? top.getName() : "?"), 1, Integer::sum);
            }
        }
        catch (IOException ex) {
            return List.of("  " + service + ": cannot read " + file + ": " + ex.getMessage());
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %s: %d samples (%s)", service, samples, size(file)));
        if (samples == 0) {
            return lines;
        }
        lines.add("    by top frame:           " + shares(topAreas, samples, TOP_AREAS));
        lines.add("    by first non-JDK frame: " + shares(callerAreas, samples, TOP_AREAS));
        for (Map.Entry<String, Integer> method : top(methods, TOP_METHODS)) {
            lines.add(String.format(Locale.ROOT, "    %5.1f%%  %s", 100.0 * method.getValue() / samples,
                    method.getKey()));
        }
        return lines;
    }

    /**
     * The class of the first frame outside the JDK: a sample in {@code HashMap.get} is
     * charged to whoever called it (the top frame's class if every frame is the JDK's).
     */
    private static String firstOutsideJdk(RecordedStackTrace stack, String topClass) {
        for (RecordedFrame frame : stack.getFrames()) {
            String name = className(frame.getMethod());
            if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")
                    && !name.startsWith("com.sun.")) {
                return name;
            }
        }
        return topClass;
    }

    private static String className(RecordedMethod method) {
        return (method != null && method.getType() != null) ? method.getType().getName() : "?";
    }

    private static String area(String className) {
        for (Map.Entry<String, String> area : AREAS) {
            if (className.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other";
    }

    private static String shares(Map<String, Integer> counts, int samples, int limit) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, Integer> area : top(counts, limit)) {
            line.append((line.length() > 0) ? ", " : "")
                .append(area.getKey())
                .append(String.format(Locale.ROOT, " %.1f%%", 100.0 * area.getValue() / samples));
        }
        return line.toString();
    }

    private static List<Map.Entry<String, Integer>> top(Map<String, Integer> counts, int limit) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    private static String size(Path file) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1048576.0);
        }
        catch (IOException ex) {
            return "size unknown";
        }
    }

}
