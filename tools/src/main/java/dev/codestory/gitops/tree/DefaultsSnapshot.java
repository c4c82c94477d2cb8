package dev.codestory.gitops.tree;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.codestory.gitops.kustomize.OverlayPlanner;
import dev.codestory.gitops.render.TreeCodec;
import dev.codestory.gitops.spec.Component;

/**
 * {@link Defaults} as the build computed them, stored beside the classes ({@value #RESOURCE} in this package)
 * with the stamp of the code they were computed from ({@link ToolCode#stamp()}). A run takes them only when
 * that stamp is its own code's: classes compiled without the build's step (an IDE, {@code mvn compile}) or
 * other libraries make it compute them instead, and a missing or unreadable snapshot does the same.
 *
 * <p>The build's {@code process-classes} phase runs {@link #main} (see tools/pom.xml). Computing them was most
 * of a regen's work on a fresh JVM.
 */
public final class DefaultsSnapshot {

    static final String RESOURCE = "defaults.snapshot";
    /** Its path under a classes directory or in the jar. */
    static final String PATH = DefaultsSnapshot.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
    private static final String FORMAT = "code-story-gitops defaults, format 1";

    private DefaultsSnapshot() {
    }

    /** Writes the snapshot into a classes directory, unless the one there already has this code's stamp. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DefaultsSnapshot <classes directory>");
        }
        Path classes = Path.of(args[0]);
        Path file = classes.resolve(PATH);
        String stamp = ToolCode.stamp(classes);
        if (Files.isRegularFile(file) && stamp.equals(stampOf(Files.readAllBytes(file)))) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path scratch = file.resolveSibling(RESOURCE + ".tmp");
        Files.write(scratch, encode(Defaults.compute(), stamp));
        Files.move(scratch, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The build's snapshot, if there is one for the running code. */
    static Optional<Defaults> read() {
        byte[] bytes;
        try (InputStream in = DefaultsSnapshot.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return Optional.empty();
        }
        return read(bytes, ToolCode.stampOfRunningCode());
    }

    /** A snapshot's defaults if it was made for code of this stamp and reads whole; else nothing. */
    static Optional<Defaults> read(byte[] bytes, String stamp) {
        if (stamp.isEmpty() || !stamp.equals(stampOf(bytes))) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(bytes));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static byte[] encode(Defaults defaults, String stamp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeUTF(stamp);
            trees(out, defaults.base());
            out.writeInt(defaults.components().size());
            for (Map.Entry<Component, OverlayPlanner.Plan> entry : defaults.components().entrySet()) {
                OverlayPlanner.Plan plan = entry.getValue();
                if (!plan.renames().isEmpty()) {
                    throw new IllegalStateException(entry.getKey() + " renames " + plan.renames());
                }
                out.writeUTF(entry.getKey().name());
                trees(out, plan.added());
                trees(out, plan.patches());
                trees(out, plan.deletions());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The stamp a snapshot was made with, or null when the bytes are no snapshot of this format. */
    static String stampOf(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            return FORMAT.equals(in.readUTF()) ? in.readUTF() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Defaults decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!FORMAT.equals(in.readUTF())) {
                throw new IOException("not a defaults snapshot of " + FORMAT);
            }
            in.readUTF();
            List<JsonNode> base = trees(in);
            Map<Component, OverlayPlanner.Plan> components = new EnumMap<>(Component.class);
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                Component component = Component.valueOf(in.readUTF());
                List<JsonNode> added = trees(in);
                List<JsonNode> patches = trees(in);
                List<JsonNode> deletions = trees(in);
                components.put(component, new OverlayPlanner.Plan(added, patches, deletions, List.of()));
            }
            return new Defaults(base, components);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void trees(DataOutputStream out, List<JsonNode> trees) throws IOException {
        out.writeInt(trees.size());
        for (JsonNode tree : trees) {
            TreeCodec.write(out, tree);
        }
    }

    private static List<JsonNode> trees(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<JsonNode> trees = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            trees.add(TreeCodec.read(in));
        }
        return trees;
    }
}
