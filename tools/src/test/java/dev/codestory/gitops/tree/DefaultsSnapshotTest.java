package dev.codestory.gitops.tree;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The snapshot the build ships is exactly the defaults this code computes, and is used for this code only. */
class DefaultsSnapshotTest {

    private static Defaults computed;

    @BeforeAll
    static void compute() {
        computed = Defaults.compute();
    }

    @Test
    void theBuildsSnapshotHoldsExactlyWhatThisCodeComputes() throws IOException {
        byte[] shipped = shipped();
        String stamp = ToolCode.stampOfRunningCode();
        assertThat(DefaultsSnapshot.stampOf(shipped)).as("the snapshot's stamp (rebuild: mvn process-classes)")
                .isEqualTo(stamp);
        // byte for byte: the same trees, node types (int or long) and key order
        assertThat(Arrays.equals(shipped, DefaultsSnapshot.encode(computed, stamp)))
                .as("snapshot bytes equal to the computed defaults' encoding").isTrue();
        assertThat(DefaultsSnapshot.read()).contains(computed);
    }

    @Test
    void decodingGivesEqualTrees() {
        Defaults back = DefaultsSnapshot.decode(DefaultsSnapshot.encode(computed, "stamp"));
        assertThat(back.base()).isEqualTo(computed.base());
        assertThat(back.components()).isEqualTo(computed.components());
        assertThat(back.components().keySet()).containsExactlyElementsOf(computed.components().keySet());
    }

    @Test
    void aSnapshotOfOtherCodeIsNotUsed() {
        byte[] bytes = DefaultsSnapshot.encode(computed, "other code");
        assertThat(DefaultsSnapshot.read(bytes, "this code")).isEmpty();
        assertThat(DefaultsSnapshot.read(bytes, "other code")).contains(computed);
        assertThat(DefaultsSnapshot.read(bytes, "")).as("code of unknown stamp").isEmpty();
    }

    @Test
    void aDamagedSnapshotIsNotUsed() {
        byte[] bytes = DefaultsSnapshot.encode(computed, "stamp");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThat(DefaultsSnapshot.read(truncated, "stamp")).isEmpty();
        assertThat(DefaultsSnapshot.read("not a snapshot".getBytes(), "stamp")).isEmpty();
    }

    @Test
    void aChangedDefaultIsADifferentSnapshot() {
        ObjectNode changed = computed.base().get(0).deepCopy();
        changed.withObject("/metadata").put("name", "planted");
        var base = new java.util.ArrayList<>(computed.base());
        base.set(0, changed);
        Defaults planted = new Defaults(base, computed.components());
        assertThat(DefaultsSnapshot.encode(planted, "stamp")).isNotEqualTo(DefaultsSnapshot.encode(computed, "stamp"));
        assertThat(DefaultsSnapshot.decode(DefaultsSnapshot.encode(planted, "stamp"))).isNotEqualTo(computed);
    }

    @Test
    void theBuildStepWritesASnapshotAndReplacesAStaleOne(@TempDir Path classes) throws IOException {
        Path file = classes.resolve(DefaultsSnapshot.PATH);
        Files.createDirectories(file.getParent());
        Files.write(file, DefaultsSnapshot.encode(computed, "stale"));

        DefaultsSnapshot.main(new String[] {classes.toString()});

        byte[] written = Files.readAllBytes(file);
        assertThat(DefaultsSnapshot.stampOf(written)).isEqualTo(ToolCode.stamp(classes));
        assertThat(DefaultsSnapshot.decode(written)).isEqualTo(computed);
        assertThat(Files.list(file.getParent())).as("no scratch file left").containsExactly(file);
    }

    @Test
    void theBuildStepLeavesAFreshSnapshotAlone(@TempDir Path classes) throws IOException {
        DefaultsSnapshot.main(new String[] {classes.toString()});
        Path file = classes.resolve(DefaultsSnapshot.PATH);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));

        DefaultsSnapshot.main(new String[] {classes.toString()});

        assertThat(Files.getLastModifiedTime(file).toMillis()).isZero();
    }

    private static byte[] shipped() throws IOException {
        try (InputStream in = DefaultsSnapshot.class.getResourceAsStream(DefaultsSnapshot.RESOURCE)) {
            assertThat(in).as("the build's snapshot on the class path (mvn process-classes writes it)").isNotNull();
            return in.readAllBytes();
        }
    }
}
