package dev.switchboard.benchmark;

import java.util.HashMap;
import java.util.Map;

/**
 * What the Kafka clients of one service have done so far, summed over its clients and
 * topics, from its {@code /actuator/prometheus}: kafka-clients' own metrics as Micrometer
 * binds them, and spring-kafka's listener timer.
 *
 * @param fetches fetch requests its consumers sent
 * @param records records its consumers received
 * @param batches listener invocations: for the batch listeners that every service uses,
 * one per poll that brought records
 * @param produceRequests produce requests its producers sent
 * @param recordsSent records its producers sent
 * @param commits offset commits its consumers sent
 */
record KafkaClientCounts(double fetches, double records, double batches, double produceRequests, double recordsSent,
        double commits) {

    /**
     * Reads the counts from a service.
     * @param service its Prometheus endpoint
     * @return the counts so far
     */
    static KafkaClientCounts read(Prometheus service) {
        String text = service.scrape();
        return new KafkaClientCounts(Prometheus.sum(text, "kafka_consumer_fetch_manager_fetch_total", ""),
                finest(text, "kafka_consumer_fetch_manager_records_consumed_total"),
                Prometheus.sum(text, "spring_kafka_listener_seconds_count", ""),
                Prometheus.sum(text, "kafka_producer_request_total", ""),
                Prometheus.sum(text, "kafka_producer_record_send_total", ""),
                Prometheus.sum(text, "kafka_consumer_coordinator_commit_total", ""));
    }

    /**
     * kafka-clients counts consumed records per client and again per topic of the client,
     * and a topic whose name has dots once more under the name with underscores for dots
     * (the old spelling, safe for JMX): where per-topic samples are there, they alone are
     * the sum, each topic once.
     */
    private static double finest(String text, String name) {
        Map<String, Double> perTopic = new HashMap<>();
        Map<String, Double> samples = Prometheus.samples(text, name);
        samples.forEach((tags, value) -> {
            String topic = Prometheus.tag(tags, "topic");
            if (topic != null) {
                perTopic.merge(Prometheus.tag(tags, "client_id") + " " + topic.replace('.', '_'), value, Math::max);
            }
        });
        return perTopic.isEmpty() ? samples.values().stream().mapToDouble(Double::doubleValue).sum()
                : perTopic.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * What was done since an earlier reading.
     * @param before the earlier reading
     * @return the differences
     */
    KafkaClientCounts minus(KafkaClientCounts before) {
        return new KafkaClientCounts(this.fetches - before.fetches, this.records - before.records,
                this.batches - before.batches, this.produceRequests - before.produceRequests,
                this.recordsSent - before.recordsSent, this.commits - before.commits);
    }

}
