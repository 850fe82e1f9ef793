package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL from zonky's binaries, in a data directory that survives restarts.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "switchboard";

    private final EmbeddedPostgres postgres;

    private final int port;

    private LocalPostgres(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static LocalPostgres start(Path dataDirectory, int port) throws IOException, SQLException {
        Files.createDirectories(dataDirectory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
        LocalPostgres local = new LocalPostgres(postgres, port);
        local.createDatabase();
        return local;
    }

    private void createDatabase() throws SQLException {
        try (Connection connection = DriverManager
            .getConnection("jdbc:postgresql://localhost:" + this.port + "/postgres?user=postgres");
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement
                .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @Override
    public void close() throws IOException {
        this.postgres.close();
    }

}
