package dev.codestory.gitops.generate;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.codestory.gitops.layout.LayoutException;

/** Every file regen would write: repository-relative path (with '/') to exact bytes, in path order. */
public final class GeneratedTree {

    private final SortedMap<String, byte[]> files = new TreeMap<>();

    public void put(String path, byte[] content) {
        if (files.putIfAbsent(path, content) != null) {
            throw new LayoutException(path, "two generated files would be written here (two environments or"
                    + " clusters produce one name); rename one of them");
        }
    }

    public SortedMap<String, byte[]> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    public boolean sameContent(String path, byte[] content) {
        return Arrays.equals(files.get(path), content);
    }
}
