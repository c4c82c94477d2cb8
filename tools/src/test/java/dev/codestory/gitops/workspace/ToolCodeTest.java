package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ToolCodeTest {

    @Test
    void aClassesDirectoryAndTheJarBuiltOfItHaveTheSameStamp(@TempDir Path temp) throws IOException {
        Path classes = classes(temp.resolve("classes"));
        Path jar = jar(classes, temp.resolve("tool.jar"));
        assertThat(ToolCode.stamp(jar)).isEqualTo(ToolCode.stamp(classes));
    }

    @Test
    void changedCodeChangesTheStamp(@TempDir Path temp) throws IOException {
        Path classes = classes(temp.resolve("classes"));
        String before = ToolCode.stamp(classes);
        Files.writeString(classes.resolve("dev/codestory/gitops/spec/defaults.yaml"), "api:\n  replicas: 3\n");
        assertThat(ToolCode.stamp(classes)).isNotEqualTo(before);
    }

    @Test
    void onlyTheToolsOwnFilesCount(@TempDir Path temp) throws IOException {
        Path classes = classes(temp.resolve("classes"));
        String before = ToolCode.stamp(classes);
        write(classes.resolve("picocli/CommandLine.class"), "another library's class");
        assertThat(ToolCode.stamp(classes)).isEqualTo(before);
    }

    @Test
    void theRunningCodeHasAStamp() {
        assertThat(ToolCode.stampOfRunningCode()).hasSize(64);
    }

    private static Path classes(Path dir) throws IOException {
        write(dir.resolve("dev/codestory/gitops/cli/Main.class"), "main");
        write(dir.resolve("dev/codestory/gitops/spec/defaults.yaml"), "api:\n  replicas: 2\n");
        return dir;
    }

    private static Path jar(Path classes, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Path path : files) {
                zip.putNextEntry(new ZipEntry(classes.relativize(path).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(path));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
