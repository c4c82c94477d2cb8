package dev.codestory.gitops.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KustomizeLocateTest {

    @TempDir
    Path bin;

    static Stream<Arguments> choices() {
        return Stream.of(
                Arguments.of("kubectl alone on PATH runs as kubectl kustomize",
                        List.of("kubectl"), null, null, List.of("$BIN/path/kubectl", "kustomize")),
                Arguments.of("kustomize wins over kubectl on PATH",
                        List.of("kustomize", "kubectl"), null, null, List.of("$BIN/path/kustomize", "build")),
                Arguments.of("KUSTOMIZE as a command name is looked up on PATH",
                        List.of("kustomize", "kubectl"), "kubectl", null, List.of("$BIN/path/kubectl", "kustomize")),
                Arguments.of("KUSTOMIZE as a path needs nothing on PATH",
                        List.of(), "$BIN/kustomize", null, List.of("$BIN/kustomize", "build")),
                Arguments.of("a path to a kubectl binary runs as kubectl kustomize",
                        List.of(), "$BIN/kubectl-1.31", null, List.of("$BIN/kubectl-1.31", "kustomize")),
                Arguments.of("the override wins over KUSTOMIZE",
                        List.of("kustomize", "kubectl"), "$BIN/kubectl", "$BIN/kustomize",
                        List.of("$BIN/kustomize", "build")),
                Arguments.of("a blank override leaves the choice to KUSTOMIZE",
                        List.of("kustomize", "kubectl"), "kubectl", "  ", List.of("$BIN/path/kubectl", "kustomize")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("choices")
    void locateChoosesTheCommand(String description, List<String> onPath, String kustomizeEnv, String override,
                                 List<String> expected) throws IOException {
        for (String name : List.of("kustomize", "kubectl", "kubectl-1.31")) {
            fake(bin.resolve(name));
        }
        Path pathDir = Files.createDirectory(bin.resolve("path"));
        for (String name : onPath) {
            fake(pathDir.resolve(name));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", pathDir.toString());
        if (kustomizeEnv != null) {
            environment.put(Kustomize.ENV, dollar(kustomizeEnv));
        }

        Kustomize kustomize = Kustomize.locate(override == null ? null : dollar(override), environment);

        assertThat(kustomize.command()).isEqualTo(expected.stream().map(this::dollar).toList());
    }

    @Test
    void withNothingOnPathTheMessageSaysWhatToInstallOrSet() {
        for (Map<String, String> environment : List.of(Map.of("PATH", ""), Map.<String, String>of())) {
            assertThatThrownBy(() -> Kustomize.locate(null, environment))
                    .isInstanceOf(KustomizeException.class)
                    .hasMessageContaining("neither kustomize nor kubectl is on PATH")
                    .hasMessageContaining("KUSTOMIZE");
        }
    }

    @Test
    void aNonExecutableFileOnPathIsSkipped() throws IOException {
        Files.writeString(bin.resolve("kustomize"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve("kustomize"), PosixFilePermissions.fromString("rw-r--r--"));
        fake(bin.resolve("kubectl"));

        Kustomize kustomize = Kustomize.locate(null, Map.of("PATH", bin.toString()));

        assertThat(kustomize.command()).containsExactly(bin.resolve("kubectl").toString(), "kustomize");
    }

    @Test
    void aKustomizeThatIsNotThereIsNamedInTheMessage() throws IOException {
        fake(bin.resolve("kubectl"));
        String missing = bin.resolve("no-such-dir/kustomize").toString();

        for (String chosen : List.of(missing, "kustomize-5")) {
            assertThatThrownBy(() -> Kustomize.locate(null, Map.of("PATH", bin.toString(), Kustomize.ENV, chosen)))
                    .isInstanceOf(KustomizeException.class)
                    .hasMessageContaining("'" + chosen + "'")
                    .hasMessageContaining("KUSTOMIZE");
        }
    }

    @Test
    void aFailedBuildCarriesKustomizesOwnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                bogusField: 1
                """);
        Kustomize kustomize = Kustomize.locate(null);

        assertThatThrownBy(() -> kustomize.build(dir))
                .isInstanceOf(KustomizeException.class)
                .hasMessageContaining(kustomize + " " + dir + " failed (exit ")
                .hasMessageContaining("invalid Kustomization")
                .hasMessageContaining("bogusField");
    }

    private String dollar(String text) {
        return text.replace("$BIN", bin.toString());
    }

    private static void fake(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void eachBuildIsHeldToOneProcessorUnlessTheUserChoseOtherwise() throws IOException {
        Path script = bin.resolve("kustomize");
        Files.writeString(script, "#!/bin/sh\necho \"procs: ${GOMAXPROCS:-unset}\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String expected = System.getenv().containsKey("GOMAXPROCS") ? System.getenv("GOMAXPROCS") : "1";
        assertThat(Kustomize.of(script).build(bin)).isEqualTo("procs: " + expected + "\n");
    }
}
