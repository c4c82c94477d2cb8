package dev.codestory.gitops.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * The environments whose build can differ between two trees, so that the others need no build. An overlay
 * reads {@code base/}, {@code components/} and its own directory; a change there, or anywhere under the compared
 * directories outside an overlay's directory, or a symbolic link, affects every environment. A change inside
 * {@code overlays/<x>/} (or {@code overlays/<x>.secondary/}) affects {@code x} and every overlay whose files name
 * {@code x} (directly or through another one), a deliberately loose test: a false match costs a build, a missed
 * one would hide a change.
 */
public final class AffectedEnvironments {

    private AffectedEnvironments() {
    }

    public static Set<String> between(Path one, Path other, List<String> directories, Set<String> environments) {
        try {
            Set<String> dirty = new HashSet<>();
            for (String directory : directories) {
                for (String path : differing(one.resolve(directory), other.resolve(directory))) {
                    String[] parts = (directory + "/" + path).split("/");
                    if (!parts[0].equals(RepoLayout.OVERLAYS) || parts.length < 3) {
                        return new TreeSet<>(environments);
                    }
                    dirty.add(RepoLayout.environmentOf(directory + "/" + path));
                }
            }
            Map<String, String> texts = overlayTexts(one);
            overlayTexts(other).forEach((name, text) -> texts.merge(name, text, String::concat));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Map.Entry<String, String> overlay : texts.entrySet()) {
                    if (!dirty.contains(overlay.getKey()) && namesAny(overlay.getValue(), dirty)) {
                        dirty.add(overlay.getKey());
                        grew = true;
                    }
                }
            }
            Set<String> affected = new TreeSet<>(environments);
            affected.retainAll(dirty);
            return affected;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean namesAny(String text, Set<String> overlays) {
        return overlays.stream().anyMatch(name -> text.contains("../" + name) || text.contains(RepoLayout.OVERLAYS + "/" + name));
    }

    /** The relative paths that differ; a symbolic link on either side always counts as different. */
    private static Set<String> differing(Path one, Path other) throws IOException {
        Map<String, Path> left = entries(one);
        Map<String, Path> right = entries(other);
        Set<String> paths = new TreeSet<>(left.keySet());
        paths.addAll(right.keySet());
        Set<String> differing = new TreeSet<>();
        for (String path : paths) {
            Path a = left.get(path);
            Path b = right.get(path);
            if (a == null || b == null || Files.isSymbolicLink(a) || Files.isSymbolicLink(b)
                    || Files.mismatch(a, b) != -1) {
                differing.add(path);
            }
        }
        return differing;
    }

    private static Map<String, Path> entries(Path dir) throws IOException {
        Map<String, Path> entries = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return entries;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.toList()) {
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
                    entries.put(dir.relativize(path).toString().replace('\\', '/'), path);
                }
            }
        }
        return entries;
    }

    /** Each overlay directory's files as one text, to look for names of other overlays in. */
    private static Map<String, String> overlayTexts(Path root) throws IOException {
        Map<String, String> texts = new HashMap<>();
        Path overlays = root.resolve(RepoLayout.OVERLAYS);
        if (!Files.isDirectory(overlays)) {
            return texts;
        }
        try (Stream<Path> dirs = Files.list(overlays)) {
            for (Path dir : dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).toList()) {
                List<String> contents = new ArrayList<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    // a link is never followed: it may lead out of the repository (and counts as a change anyway)
                    for (Path file : files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList()) {
                        contents.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                    }
                }
                texts.merge(RepoLayout.environmentOf(RepoLayout.OVERLAYS + "/" + dir.getFileName()),
                        String.join("\n", contents), (a, b) -> a + "\n" + b);
            }
        }
        return texts;
    }
}
