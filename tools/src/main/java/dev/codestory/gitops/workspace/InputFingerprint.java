package dev.codestory.gitops.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * A hash of everything a regen's output depends on: every environment spec and images file (or its absence,
 * which makes regen seed it), whether its overlay has a local/ directory, and the tool's own code and the
 * libraries that shape its output ({@link ToolCode}). When it equals the one in the lock file and every owned file
 * still has its recorded hash, regen has nothing to do and says so without generating anything.
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    /** The fingerprint, or null when the tool's code cannot be told (then nothing may be taken as unchanged). */
    public static String of(Path root) {
        String code = ToolCode.stampOfRunningCode();
        if (code.isEmpty()) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            RepoLayout layout = new RepoLayout(root);
            for (String environment : layout.environments()) {
                update(digest, "spec " + environment);
                digest.update(layout.readSpec(environment));
                update(digest, "local " + layout.hasLocalComponent(environment));
                byte[] images = layout.readImagesFile(environment);
                update(digest, "images " + (images != null));
                if (images != null) {
                    digest.update(images);
                }
            }
            update(digest, "code " + code);
            return HexFormat.of().formatHex(digest.digest());
        } catch (LayoutException e) {
            // a spec that cannot be read: the full run reports it, in its place
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
