package dev.codestory.gitops.layout;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/** A file-system fault in words: why an operation failed, without the Java exception around it. */
public final class FileFaults {

    private FileFaults() {
    }

    /** The reason alone, e.g. "permission denied" or "no space left on device". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a directory that is not empty is in the way";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "something already exists there";
        }
        if (e instanceof NotDirectoryException) {
            return "a file stands where a directory should be";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(Locale.ROOT);
        }
        String message = e.getMessage();
        if (message == null || message.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** The file and the reason, e.g. "/repo/base/x.yaml: permission denied". */
    public static String describe(IOException e) {
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : null;
        return (file != null ? file + ": " : "") + reason(e);
    }
}
