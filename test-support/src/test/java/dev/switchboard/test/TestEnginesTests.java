package dev.switchboard.test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestEnginesTests {

    @Test
    void startsPostgresAndHandsOutAFreshDatabase() throws Exception {
        try (Connection connection = TestPostgres.connect();
                ResultSet result = connection.createStatement().executeQuery("SELECT current_database()")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(TestPostgres.database().name()).startsWith("switchboard_test_");
        }
    }

    @Test
    void startsRedisAndAnswersPing() throws Exception {
        URI url = TestRedis.url();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    void startsKafkaOncePerJvm() throws Exception {
        assertThat(TestKafka.broker()).isSameAs(TestKafka.broker());
        try (Admin admin = Admin
            .create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

}
