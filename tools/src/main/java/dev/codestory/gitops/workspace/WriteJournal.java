package dev.codestory.gitops.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * Makes a regen all-or-nothing. Every new file is first written beside its target; then a journal naming
 * every move and deletion is written (atomically); then the journal is carried out and removed. A run that
 * dies before the journal exists leaves the old tree (its scratch files are swept away by the next run); one
 * that dies after is finished by the next run, giving the new tree. No state in between survives.
 */
final class WriteJournal {

    static final String PATH = ".regen-journal";
    static final String SUFFIX = ".regen-tmp";
    private static final List<String> SCRATCH_DIRS = RepoLayout.GENERATED_DIRS;

    private final Path root;
    private final Consumer<String> step;

    WriteJournal(Path root, Consumer<String> step) {
        this.root = root;
        this.step = step;
    }

    /** Finishes a journal left by an interrupted run, or sweeps the scratch files of one that never wrote it. */
    void recover() {
        try {
            Path journal = root.resolve(PATH);
            if (Files.isRegularFile(journal)) {
                Object loaded = new Yaml(new SafeConstructor(new LoaderOptions()))
                        .load(Files.readString(journal, StandardCharsets.UTF_8));
                if (loaded instanceof Map<?, ?> map) {
                    List<String> moves = strings(map.get("moves"));
                    List<String> deletes = strings(map.get("deletes"));
                    carryOut(moves, deletes);
                }
                Files.deleteIfExists(journal);
            }
            sweep();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code files} and deletes {@code deletes}, all or nothing. */
    void apply(Map<String, byte[]> files, List<String> deletes) {
        try {
            List<String> moves = new ArrayList<>();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(scratch(target), file.getValue());
                moves.add(file.getKey());
                step.accept("staged " + file.getKey());
            }
            Map<String, Object> journal = new LinkedHashMap<>();
            journal.put("moves", moves);
            journal.put("deletes", deletes);
            Path journalFile = root.resolve(PATH);
            Files.write(scratch(journalFile), YamlRenderer.instance().render("", journal));
            move(scratch(journalFile), journalFile);
            step.accept("journal written");
            carryOut(moves, deletes);
            Files.delete(journalFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void carryOut(List<String> moves, List<String> deletes) throws IOException {
        for (String path : moves) {
            Path target = root.resolve(path);
            if (Files.exists(scratch(target))) {
                move(scratch(target), target);
            }
            step.accept("moved " + path);
        }
        for (String path : deletes) {
            Path file = root.resolve(path);
            Files.deleteIfExists(file);
            removeEmptyParents(file.getParent());
            step.accept("deleted " + path);
        }
    }

    private void sweep() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(root));
        SCRATCH_DIRS.stream().map(root::resolve).filter(Files::isDirectory).forEach(dirs::add);
        for (Path dir : dirs) {
            try (Stream<Path> files = dir.equals(root) ? Files.list(dir) : Files.walk(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static Path scratch(Path target) {
        return target.resolveSibling("." + target.getFileName() + SUFFIX);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void removeEmptyParents(Path dir) throws IOException {
        Path current = dir;
        while (current != null && current.startsWith(root) && !current.equals(root)) {
            try (Stream<Path> entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            try {
                Files.delete(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
            current = current.getParent();
        }
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }
}
