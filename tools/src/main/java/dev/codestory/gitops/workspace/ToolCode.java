package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;

/**
 * A stamp of the tool's code: its own classes and resources by name and CRC-32 (a jar's entries carry theirs,
 * so a jar is not read), and the files of the libraries that shape its output (their names carry their
 * versions). The same classes give the same stamp from a classes directory or from the jar built of it. The regen
 * cache ({@link InputFingerprint}) identifies the code by it.
 */
final class ToolCode {

    private static final String OWN = "dev/codestory/gitops/";

    private static final List<String> LIBRARIES = List.of(
            "io.fabric8.kubernetes.api.model.apps.Deployment",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
            "org.yaml.snakeyaml.Yaml");

    private ToolCode() {
    }

    /** The stamp of the code this class was loaded from (computed once a process); empty when it cannot be told. */
    static String stampOfRunningCode() {
        return Running.STAMP;
    }

    private static final class Running {
        static final String STAMP = compute();

        private static String compute() {
            CodeSource source = ToolCode.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return "";
            }
            try {
                return stamp(Path.of(source.getLocation().toURI()));
            } catch (URISyntaxException | IllegalArgumentException | UncheckedIOException e) {
                return "";
            }
        }
    }

    /** The stamp of the code in a classes directory or a jar. */
    static String stamp(Path code) {
        Map<String, Long> files = new TreeMap<>();
        try {
            if (Files.isDirectory(code)) {
                Path own = code.resolve(OWN);
                if (Files.isDirectory(own)) {
                    try (Stream<Path> walk = Files.walk(own)) {
                        for (Path file : walk.filter(Files::isRegularFile).toList()) {
                            CRC32 crc = new CRC32();
                            crc.update(Files.readAllBytes(file));
                            files.put(code.relativize(file).toString().replace('\\', '/'), crc.getValue());
                        }
                    }
                }
            } else {
                try (ZipFile jar = new ZipFile(code.toFile())) {
                    jar.stream().filter(entry -> !entry.isDirectory() && entry.getName().startsWith(OWN))
                            .forEach(entry -> files.put(entry.getName(), entry.getCrc()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder text = new StringBuilder();
        files.forEach((name, crc) -> text.append(name).append(' ').append(Long.toHexString(crc)).append('\n'));
        LIBRARIES.forEach(library -> text.append("library ").append(libraryFile(library)).append('\n'));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The file a library's class comes from (its name carries the version), found without loading the class,
     * so that a regen with nothing to do loads none of the libraries.
     */
    private static String libraryFile(String className) {
        URL url = ToolCode.class.getClassLoader().getResource(className.replace('.', '/') + ".class");
        if (url == null) {
            return "missing " + className;
        }
        String text = url.toString();
        int bang = text.indexOf("!/");
        String location = text.startsWith("jar:") && bang > 0 ? text.substring(4, bang) : text;
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
