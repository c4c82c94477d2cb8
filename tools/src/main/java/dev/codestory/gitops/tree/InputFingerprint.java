package dev.codestory.gitops.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import dev.codestory.gitops.spec.SpecLoader;

/**
 * A hash of everything a regen's output depends on: every environment spec (and whether its overlay has a
 * local/ directory), the tool's own code and the libraries that shape its output. When it equals the one in
 * the lock file and every owned file still has its recorded hash, regen has nothing to do and says so
 * without generating anything.
 */
public final class InputFingerprint {

    private static final List<String> LIBRARIES = List.of(
            "io.fabric8.kubernetes.api.model.apps.Deployment",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "org.yaml.snakeyaml.Yaml");

    private InputFingerprint() {
    }

    public static String of(Path root) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path overlays = root.resolve(SpecLoader.OVERLAYS);
            if (Files.isDirectory(overlays)) {
                try (Stream<Path> dirs = Files.list(overlays)) {
                    for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                        Path spec = dir.resolve(SpecLoader.SPEC_FILE);
                        if (Files.isRegularFile(spec)) {
                            update(digest, "spec " + dir.getFileName());
                            digest.update(Files.readAllBytes(spec));
                            update(digest, "local " + Files.isRegularFile(dir.resolve("local").resolve("kustomization.yaml")));
                        }
                    }
                }
            }
            codeOf(InputFingerprint.class, digest);
            for (String library : libraryFiles()) {
                update(digest, "library " + library);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The files the libraries that shape the output come from (their names carry their versions). */
    static List<String> libraryFiles() {
        return LIBRARIES.stream().map(InputFingerprint::libraryFile).toList();
    }

    /**
     * The file a library's class comes from (its name carries the version), found without loading the class,
     * so that a regen with nothing to do loads none of the libraries.
     */
    private static String libraryFile(String className) {
        URL url = InputFingerprint.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (url == null) {
            return "missing " + className;
        }
        String text = url.toString();
        int bang = text.indexOf("!/");
        String location = text.startsWith("jar:") && bang > 0 ? text.substring(4, bang) : text;
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /**
     * The tool's own code, by content. A CRC-32C of each file stands in for its bytes: it is computed natively,
     * where SHA-256 of the whole jar on a fresh JVM cost a noticeable part of a regen with nothing to do.
     */
    private static void codeOf(Class<?> type, MessageDigest digest) throws IOException {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null) {
            update(digest, "unknown " + type.getName());
            return;
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            update(digest, source.getLocation().toString());
            return;
        }
        update(digest, "code " + location.getFileName());
        if (Files.isRegularFile(location)) {
            update(digest, crc(location));
            return;
        }
        try (Stream<Path> files = Files.walk(location)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                update(digest, location.relativize(file) + " " + crc(file));
            }
        }
    }

    private static String crc(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        CRC32C crc = new CRC32C();
        crc.update(content);
        return content.length + ":" + Long.toHexString(crc.getValue());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
