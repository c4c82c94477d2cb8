package dev.codestory.gitops.git;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A revision's build inputs read from Git's objects into a temporary directory, and nothing else. */
class RevisionExportTest {

    private static final List<String> INPUTS = List.of("base", "components", "overlays");

    @TempDir
    Path temp;

    @Test
    void exportsTheNamedDirectoriesOfARevisionRelativeToASubdirectoryAndDeletesThem() throws Exception {
        Path root = temp.resolve("deploy");
        write(root.resolve("base/a.yaml"), "old\n");
        write(root.resolve("overlays/dev/kustomization.yaml"), "resources: [../../base]\n");
        write(root.resolve("rendered/dev.yaml"), "not an input\n");
        write(temp.resolve("README.md"), "outside\n");
        try (Git git = Git.init().setDirectory(temp.toFile()).setInitialBranch("main").call()) {
            commit(git, "first");
            write(root.resolve("base/a.yaml"), "new\n");
            write(root.resolve("components/x/kustomization.yaml"), "kind: Component\n");
            commit(git, "second");
        }

        Path exported;
        try (RevisionExport export = RevisionExport.of(root, "main~1", INPUTS)) {
            exported = export.dir();
            assertThat(export.commit()).hasSize(7);
            assertThat(files(exported)).containsExactly("base/a.yaml", "overlays/dev/kustomization.yaml");
            assertThat(exported.resolve("base/a.yaml")).hasContent("old");
        }
        assertThat(exported).doesNotExist();
        assertThat(root.resolve("base/a.yaml")).hasContent("new");
    }

    @Test
    void anUnknownRevisionAndAMissingRepositoryAreNamed() throws Exception {
        assertThatThrownBy(() -> RevisionExport.of(temp, "HEAD", INPUTS)).isInstanceOf(GitException.class)
                .hasMessageContaining("not in a Git repository");
        try (Git git = Git.init().setDirectory(temp.toFile()).call()) {
            write(temp.resolve("overlays/dev/kustomization.yaml"), "{}\n");
            commit(git, "first");
        }
        assertThatThrownBy(() -> RevisionExport.of(temp, "v9.9", INPUTS)).isInstanceOf(GitException.class)
                .hasMessageContaining("'v9.9'");
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(file -> dir.relativize(file).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void commit(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent person = new PersonIdent("Someone", "someone@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC);
        git.commit().setMessage(message).setAuthor(person).setCommitter(person).setSign(false).setNoVerify(true)
                .call();
    }
}
