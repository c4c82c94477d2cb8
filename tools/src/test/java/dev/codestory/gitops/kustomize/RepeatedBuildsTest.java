package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In a process that remembers outputs (the test suite), a directory built before, from the same files by the same
 * binary, is not built again; any other build runs. The "kustomize" here is a script that counts its runs and
 * prints the file it was given.
 */
class RepeatedBuildsTest {

    private static final String SCRIPT = "#!/bin/sh\n"
            + "echo run >> \"$(dirname \"$0\")/runs\"\n"
            + "[ -e \"$(dirname \"$0\")/fail\" ] && { echo 'Error: planted' >&2; exit 1; }\n"
            + "cat \"$2/config.yaml\"\n";

    @TempDir
    Path temp;
    Path binary;

    @BeforeEach
    void fakeKustomize() throws IOException {
        Kustomize.rememberOutputs(true);
        binary = temp.resolve("bin/kustomize");
        Files.createDirectories(binary.getParent());
        Files.writeString(binary, SCRIPT);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Path tree(String name, String data) throws IOException {
        Path dir = temp.resolve(name).resolve("overlays/a");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - config.yaml\n");
        Files.writeString(dir.resolve("config.yaml"), "kind: ConfigMap\ndata: " + data + "\n");
        return dir;
    }

    private long runs() throws IOException {
        Path runs = binary.resolveSibling("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void theSameInputsAreBuiltOnceAndAnyChangeIsBuiltAgain() throws IOException {
        Kustomize kustomize = Kustomize.of(binary);
        String first = kustomize.build(tree("one", "{a: '1'}"));
        assertThat(kustomize.build(tree("two", "{a: '1'}"))).isEqualTo(first);
        assertThat(runs()).isEqualTo(1);

        assertThat(kustomize.build(tree("three", "{a: '2'}"))).contains("'2'");
        assertThat(runs()).isEqualTo(2);

        Files.writeString(binary, SCRIPT + "# another release of the binary\n");
        assertThat(Kustomize.of(binary).build(tree("four", "{a: '1'}"))).isEqualTo(first);
        assertThat(runs()).as("a binary replaced in place").isEqualTo(3);
    }

    /** A command (a process that did not ask to remember) builds every time: fingerprints would only cost it. */
    @Test
    void aProcessThatDoesNotRememberBuildsEveryTime() throws IOException {
        Kustomize kustomize = Kustomize.of(binary);
        Kustomize.rememberOutputs(false);
        try {
            kustomize.build(tree("one", "{a: '1'}"));
            kustomize.build(tree("two", "{a: '1'}"));
            assertThat(runs()).isEqualTo(2);
        } finally {
            Kustomize.rememberOutputs(true);
        }
    }

    @Test
    void aFailedBuildIsNotRemembered() throws IOException {
        Kustomize kustomize = Kustomize.of(binary);
        Files.writeString(binary.resolveSibling("fail"), "");
        Path dir = tree("one", "{a: '1'}");
        assertThatThrownBy(() -> kustomize.build(dir)).isInstanceOf(KustomizeException.class)
                .hasMessageContaining("planted");
        Files.delete(binary.resolveSibling("fail"));
        assertThat(kustomize.build(dir)).contains("ConfigMap");
        assertThat(runs()).isEqualTo(2);
        kustomize.build(dir);
        assertThat(runs()).as("the success is").isEqualTo(2);
    }
}
