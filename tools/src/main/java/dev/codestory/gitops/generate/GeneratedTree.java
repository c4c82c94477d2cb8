package dev.codestory.gitops.generate;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.codestory.gitops.layout.LayoutException;

/**
 * Every file regen would write: repository-relative path (with '/') to exact bytes, in path order. The generated
 * files are regen's own; a seed is an input it writes once, where none exists (a new environment's images file),
 * and never again.
 */
public final class GeneratedTree {

    private final SortedMap<String, byte[]> files = new TreeMap<>();
    private final SortedMap<String, byte[]> seeds = new TreeMap<>();

    public void put(String path, byte[] content) {
        if (files.putIfAbsent(path, content) != null || seeds.containsKey(path)) {
            throw twoFiles(path);
        }
    }

    /** A file to write only when there is none at {@code path}; it is not regen's once written. */
    public void seed(String path, byte[] content) {
        if (seeds.putIfAbsent(path, content) != null || files.containsKey(path)) {
            throw twoFiles(path);
        }
    }

    private static LayoutException twoFiles(String path) {
        return new LayoutException(path, "two generated files would be written here (two environments or"
                + " clusters produce one name); rename one of them");
    }

    public SortedMap<String, byte[]> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    public SortedMap<String, byte[]> seeds() {
        return Collections.unmodifiableSortedMap(seeds);
    }
}
