package dev.codestory.gitops.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import dev.codestory.gitops.spec.SpecLoader;

/**
 * A hash of everything a regen's output depends on: every environment spec (and whether its overlay has a
 * local/ directory), and the tool's own code and the libraries that shape its output ({@link ToolCode}). When it
 * equals the one in the lock file and every owned file still has its recorded hash, regen has nothing to do and
 * says so without generating anything.
 */
public final class InputFingerprint {

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
                            update(digest, "local "
                                    + Files.isRegularFile(dir.resolve("local").resolve("kustomization.yaml")));
                        }
                    }
                }
            }
            update(digest, "code " + ToolCode.stampOfRunningCode());
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
