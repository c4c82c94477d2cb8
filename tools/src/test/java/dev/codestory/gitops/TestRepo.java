package dev.codestory.gitops;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.workspace.LockFile;

/** A scratch repository with the committed environment specs, and a way to run the CLI against it. */
public final class TestRepo {

    public final Path root;

    private TestRepo(Path root) {
        this.root = root;
    }

    /** The repository this build runs in (Surefire's working directory is the repository root). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("codestory.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** A temporary repository holding copies of the committed specs (and nothing generated). */
    public static TestRepo withCommittedSpecs(Path temp) {
        try {
            Path overlays = projectRoot().resolve("overlays");
            try (Stream<Path> dirs = Files.list(overlays)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    Path spec = dir.resolve("env.yaml");
                    if (Files.isRegularFile(spec)) {
                        Path target = temp.resolve("overlays").resolve(dir.getFileName()).resolve("env.yaml");
                        Files.createDirectories(target.getParent());
                        Files.copy(spec, target);
                    }
                }
            }
            return new TestRepo(temp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory as it is, repository or not. */
    public static TestRepo at(Path dir) {
        return new TestRepo(dir);
    }

    public static TestRepo empty(Path temp) {
        try {
            Files.createDirectories(temp.resolve("overlays"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestRepo(temp);
    }

    public Path path(String relative) {
        return root.resolve(relative);
    }

    public String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String relative, String text) {
        try {
            Files.createDirectories(path(relative).getParent());
            Files.writeString(path(relative), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under the root and its hash: the tool's effect on disk, to compare before and after. */
    public Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), LockFile.sha256(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withRepo = Stream.concat(Stream.of(args), Stream.of("--repo", root.toString()))
                .toArray(String[]::new);
        int exit = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), withRepo)
                .execute(withRepo);
        return new Result(exit, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
    }
}
