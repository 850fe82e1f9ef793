package dev.switchboard.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's {@code /actuator/prometheus} (its management port is its service port): the
 * whole text, and sums of a metric's samples over their tags.
 */
final class Prometheus {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI endpoint;

    /**
     * The endpoint of a service.
     * @param service the service's base URI, such as {@code http://localhost:8080}
     */
    Prometheus(URI service) {
        this.endpoint = service.resolve("/actuator/prometheus");
    }

    /**
     * Reads every metric.
     * @return the exposition text
     * @throws IllegalStateException if the service does not answer
     */
    String scrape() {
        HttpRequest request = HttpRequest.newBuilder(this.endpoint).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(this.endpoint + " answered " + response.statusCode());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read " + this.endpoint, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sums the samples of one metric (this name exactly, any tags) whose tags contain the
     * given text.
     * @param text what {@link #scrape()} read
     * @param name the metric, such as {@code kafka_producer_request_total}
     * @param tag text that the sample's tags contain, such as {@code area="heap"}; empty
     * for all
     * @return the sum, 0 if there is no such sample
     */
    static double sum(String text, String name, String tag) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples(text, name).entrySet()) {
            if (sample.getKey().contains(tag)) {
                total += sample.getValue();
            }
        }
        return total;
    }

    /**
     * The samples of one metric (this name exactly).
     * @param text what {@link #scrape()} read
     * @param name the metric
     * @return each sample's tags (such as {@code {client_id="a",topic="b"}}, empty if it
     * has none) and its value
     */
    static Map<String, Double> samples(String text, String name) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(name) && line.length() > name.length()
                    && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')) {
                int end = line.lastIndexOf(' ');
                samples.put(line.substring(name.length(), end).trim(), Double.parseDouble(line.substring(end + 1)));
            }
        }
        return samples;
    }

    /**
     * One tag's value.
     * @param tags a sample's tags, as {@link #samples} gives them
     * @param key the tag
     * @return its value, or null if the sample has no such tag
     */
    static String tag(String tags, String key) {
        String start = key + "=\"";
        int at = tags.startsWith("{" + start) ? 1 : tags.indexOf("," + start) + 1;
        if (at <= 0) {
            return null;
        }
        int from = at + start.length();
        return tags.substring(from, tags.indexOf('"', from));
    }

}
