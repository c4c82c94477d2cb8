package dev.codestory.gitops;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.codestory.gitops.cli.Cli;
import dev.codestory.gitops.workspace.LockFile;

/**
 * A scratch repository for a test, and a way to run the CLI against it. Tests never read the repository this
 * build runs in: its specs are the users' to change. They start from the fixture specs in the test resources
 * ({@code fixtures/repository}), frozen copies of a realistic dev, staging and prod.
 */
public final class TestRepo {

    public final Path root;

    private TestRepo(Path root) {
        this.root = root;
    }

    /** The repository this build runs in (Surefire's working directory is the repository root). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("codestory.repo.root", "..")).toAbsolutePath().normalize();
    }

    /** The fixture environments' names. */
    public static final List<String> FIXTURE_ENVIRONMENTS = List.of("dev", "prod", "staging");

    /** A temporary repository holding the fixture specs (and nothing generated). */
    public static TestRepo withFixtureSpecs(Path temp) {
        TestRepo repo = new TestRepo(temp);
        FIXTURE_ENVIRONMENTS.forEach(name -> repo.write("overlays/" + name + "/env.yaml", fixtureSpec(name)));
        return repo;
    }

    /** A fixture environment's spec text. */
    public static String fixtureSpec(String environment) {
        String resource = "/fixtures/repository/overlays/" + environment + "/env.yaml";
        try (InputStream in = TestRepo.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copy of this repository's files into {@code target}, for a test to change. */
    public TestRepo copyTo(Path target) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(root.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestRepo(target);
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

    /** Deletes a directory and everything in it, quietly: for temporary trees. */
    public static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
