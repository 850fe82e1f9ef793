package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/**
 * Redis from embedded-redis's binary, saving to the data directory so that sessions and
 * tokens in its cache survive a restart (nothing in it is needed to lose no message).
 */
final class LocalRedis implements AutoCloseable {

    private final RedisServer server;

    private LocalRedis(RedisServer server) {
        this.server = server;
    }

    static LocalRedis start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        RedisServer server = RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("dir " + dataDirectory.toAbsolutePath())
            .setting("save 60 1")
            .setting("appendonly no")
            .onShutdownForceStop(true)
            .build();
        server.start();
        return new LocalRedis(server);
    }

    @Override
    public void close() throws IOException {
        this.server.stop();
    }

}
