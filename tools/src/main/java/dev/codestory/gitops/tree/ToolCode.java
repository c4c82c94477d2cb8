package dev.codestory.gitops.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;

/**
 * A stamp of the tool's code: its own classes and resources by name and CRC-32 (a jar's entries carry theirs,
 * so a jar is not read), and the files of the libraries that shape its output. The same classes give the
 * same stamp from a classes directory or from the jar built of it. The defaults snapshot is left out, being
 * what the stamp is attached to.
 */
final class ToolCode {

    private static final String OWN = "dev/codestory/gitops/";
    private static final String SNAPSHOT = OWN + "tree/" + DefaultsSnapshot.RESOURCE;

    private ToolCode() {
    }

    /** The stamp of the code this class was loaded from; empty when that cannot be told. */
    static String stampOfRunningCode() {
        CodeSource source = ToolCode.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "";
        }
        try {
            return stamp(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | UncheckedIOException e) {
            return "";
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
        files.keySet().removeIf(name -> name.startsWith(SNAPSHOT));
        MessageDigest digest = sha256();
        files.forEach((name, crc) -> update(digest, name + " " + Long.toHexString(crc)));
        InputFingerprint.libraryFiles().forEach(library -> update(digest, "library " + library));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
