package dev.switchboard.benchmark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's live objects by class ({@code jcmd GC.class_histogram}, which collects
 * first), so that two of them tell what a number of sessions added, class by class.
 */
final class ClassHistogram {

    // " 12: 103219 7022672 [B (java.base@17.0.15)"
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    private final Map<String, long[]> rows;

    private ClassHistogram(Map<String, long[]> rows) {
        this.rows = rows;
    }

    static ClassHistogram of(long pid) {
        Map<String, long[]> rows = new HashMap<>();
        for (String line : Jcmd.run(pid, "GC.class_histogram").split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
            }
        }
        return new ClassHistogram(rows);
    }

    /**
     * The classes that grew most from an earlier histogram, per unit of something added
     * between them.
     * @param before the earlier histogram
     * @param units how many of the things were added (sessions)
     * @param top how many classes to list
     * @return lines such as {@code 1,234 B  3.0 x byte[]}
     */
    List<String> grewFrom(ClassHistogram before, long units, int top) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        this.rows.forEach((name, now) -> {
            long[] then = before.rows.getOrDefault(name, new long[2]);
            grown.add(Map.entry(name, new long[] { now[0] - then[0], now[1] - then[1] }));
        });
        grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        return grown.stream()
            .limit(top)
            .map((entry) -> String.format(Locale.ROOT, "%,7.0f B %6.2f x %s", entry.getValue()[1] / (double) units,
                    entry.getValue()[0] / (double) units, entry.getKey()))
            .toList();
    }

}
