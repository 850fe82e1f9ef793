package dev.switchboard.benchmark;

/**
 * Reads a string field of a server frame without a JSON parser: the benchmark's client
 * shares the machine with the suite, so it spends as little CPU per frame as it can. The
 * fields it reads (type, ids, codes, the body it sent) are plain strings without escapes.
 */
final class Frames {

    private Frames() {
    }

    /**
     * The value of a string field.
     * @param frame the frame's JSON
     * @param name the field
     * @return its value, or {@code ""} if the frame has no such string field
     */
    static String field(String frame, String name) {
        String key = "\"" + name + "\":\"";
        int start = frame.indexOf(key);
        if (start < 0) {
            return "";
        }
        start += key.length();
        int end = frame.indexOf('"', start);
        return (end < 0) ? "" : frame.substring(start, end);
    }

}
