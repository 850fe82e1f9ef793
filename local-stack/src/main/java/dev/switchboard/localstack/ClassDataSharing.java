package dev.switchboard.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a service with an application class-data archive (AppCDS), as Spring Boot
 * documents it: the jar is extracted once ({@code java -Djarmode=tools -jar app.jar
 * extract}) into {@code target/cds/} next to it, since classes in a jar nested in a jar
 * cannot be archived; the first run from it records the classes it loaded into
 * {@code app.jsa} when it stops ({@code -XX:ArchiveClassesAtExit}), and later runs map
 * that archive ({@code -XX:SharedArchiveFile}) instead of loading and verifying the same
 * classes again. Measured here (auth-service up to its context refresh, C1 only): 10.5 s
 * of CPU from the jar, 7.5 s extracted, 4.5 s extracted with the archive.
 *
 * <p>
 * A rebuilt jar (another SHA-256) is extracted again and its archive recorded again. Only
 * one process per jar records (two gateway nodes must not write one file); a JVM that
 * finds an archive it cannot use (another JDK) says so in the service's log and starts
 * without it.
 */
final class ClassDataSharing {

    /**
     * Java 25 and later record an AOT cache instead (JEP 483, 514 and 515): the classes
     * loaded and linked, and the method profiles of the recording run, so that a later
     * run also compiles its hot methods sooner.
     */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    /** The option that records an archive at exit. */
    static final String RECORD = AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";

    private static final String USE = AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";

    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    private ClassDataSharing() {
    }

    /**
     * The JVM options and the jar to start a service from.
     * @param jar the service's Spring Boot jar
     * @return options ending with {@code -jar <extracted jar>}
     * @throws IOException if the jar cannot be extracted
     */
    static synchronized List<String> launch(Path jar) throws IOException {
        Path directory = jar.resolveSibling("cds");
        Path extracted = directory.resolve("app");
        Path application = extracted.resolve(jar.getFileName());
        // One per Java release: an archive recorded by another one cannot be used.
        Path archive = directory.resolve("app-" + Runtime.version().feature() + (AOT_CACHE ? ".aot" : ".jsa"));
        Path source = directory.resolve("source");
        // By content: the build is reproducible, so every jar has the same timestamp.
        String built = digest(jar);
        if (!Files.isRegularFile(application) || !Files.isRegularFile(source)
                || !Files.readString(source).equals(built)) {
            delete(directory);
            extract(jar, extracted);
            Files.writeString(source, built);
        }
        List<String> options = new ArrayList<>();
        if (Files.isRegularFile(archive)) {
            options.add(USE + archive);
        }
        else if (RECORDING.add(archive)) {
            options.add(RECORD + archive);
            // Recording lists every class it skips (generated accessors, classes that
            // failed verification for optional dependencies) as a warning: noise.
            options.add(AOT_CACHE ? "-Xlog:aot=error,cds=error" : "-Xlog:cds=error");
        }
        options.add("-jar");
        options.add(application.toString());
        return options;
    }

    private static String digest(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                sha.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha.digest());
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void extract(Path jar, Path destination) throws IOException {
        Process extract = new ProcessBuilder(Processes.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", destination.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
        try {
            if (!extract.waitFor(60, TimeUnit.SECONDS) || extract.exitValue() != 0) {
                extract.destroyForcibly();
                throw new IOException("Could not extract " + jar + " for class data sharing");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while extracting " + jar, ex);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

}
