package dev.codestory.gitops.kustomize;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real kustomize: the {@code KUSTOMIZE} environment variable (a path or a command name) when set, else a
 * {@code kustomize} binary on PATH, else {@code kubectl kustomize}.
 */
public final class Kustomize {

    public static final String ENV = "KUSTOMIZE";

    private static final Pattern KLOG_PREFIX = Pattern.compile("(?m)^[EWIF]\\d{4} [0-9:.]+\\s+\\d+ [^\\]]*\\] ");
    private static final Pattern KUBECTL_FAILED = Pattern.compile("(?s)\"command failed\" err=\"(.*)\"\\s*");

    /** Each binary's version, asked once a process: recording a golden file names it in the header. */
    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();
    /**
     * Each output built in this process, by binary and {@link BuildInputs} fingerprint, once a process asks for it
     * ({@link #rememberOutputs}). One command builds each unit once (diff and verify --base build both sides of
     * only the environments a change touches), so fingerprinting would only cost it time (about 0.1 s of a verify
     * through the launcher); what builds the same files again and again is a process running many commands: the
     * test suite, which {@code mvn -B verify} runs on every change to the repository, builds its fixture's units in
     * test after test (148 builds a run without this, 64 with it).
     */
    private static final Map<String, String> OUTPUTS = new ConcurrentHashMap<>();
    private static volatile boolean remember;

    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** Finds kustomize as described above; {@code override} (an option) wins over the environment. */
    public static Kustomize locate(String override) {
        return locate(override, System.getenv());
    }

    static Kustomize locate(String override, Map<String, String> environment) {
        String chosen = override != null && !override.isBlank() ? override : environment.get(ENV);
        String path = environment.getOrDefault("PATH", "");
        if (chosen != null && !chosen.isBlank()) {
            Path binary = find(chosen, path).orElseThrow(() -> new KustomizeException(
                    "kustomize '" + chosen + "' (from --kustomize or " + ENV + ") is not an executable file or a"
                            + " command on PATH"));
            return of(binary);
        }
        Optional<Path> kustomize = find("kustomize", path);
        if (kustomize.isPresent()) {
            return new Kustomize(List.of(kustomize.get().toString(), "build"));
        }
        Optional<Path> kubectl = find("kubectl", path);
        if (kubectl.isPresent()) {
            return new Kustomize(List.of(kubectl.get().toString(), "kustomize"));
        }
        throw new KustomizeException("neither kustomize nor kubectl is on PATH: install kustomize 5 (or kubectl"
                + " 1.27+), or set " + ENV + " to its path");
    }

    /** A binary given by path: {@code kubectl*} is run as {@code kubectl kustomize}, anything else as kustomize. */
    public static Kustomize of(Path binary) {
        boolean kubectl = binary.getFileName().toString().startsWith("kubectl");
        return new Kustomize(List.of(binary.toString(), kubectl ? "kustomize" : "build"));
    }

    private static Optional<Path> find(String name, String path) {
        if (name.contains("/") || name.contains(File.separator)) {
            Path file = Path.of(name);
            return Files.isExecutable(file) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path file = Path.of(dir, name);
            if (Files.isExecutable(file) && Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    public List<String> command() {
        return command;
    }

    /**
     * For a process that runs many commands (the test suite): from now on ({@code true}), a build of inputs built
     * before is not run again; {@code false} forgets every output and builds every time, as a command does.
     */
    public static void rememberOutputs(boolean on) {
        remember = on;
        if (!on) {
            OUTPUTS.clear();
        }
    }

    /**
     * {@code kustomize build <dir>}: the output, or a {@link KustomizeException} with kustomize's own message.
     * Callers run several at once, one per processor. In a process that remembers outputs, a directory whose
     * inputs were built before (the same files, byte for byte, by the same binary) is not built again: its output
     * is the earlier one.
     */
    public String build(Path dir) {
        if (!remember) {
            return run(dir);
        }
        Optional<String> inputs = BuildInputs.fingerprint(dir);
        String known = inputs.map(fingerprint -> OUTPUTS.get(binaryIdentity() + fingerprint)).orElse(null);
        if (known != null) {
            return known;
        }
        String output = run(dir);
        // kept only if no input changed while kustomize read them
        inputs.filter(fingerprint -> BuildInputs.fingerprint(dir).equals(Optional.of(fingerprint)))
                .ifPresent(fingerprint -> OUTPUTS.put(binaryIdentity() + fingerprint, output));
        return output;
    }

    /**
     * The command, and its binary's size and time of change: a binary replaced in place is another binary (a
     * wrapper script that picks a binary elsewhere is taken for the same one while it is unchanged).
     */
    private String binaryIdentity() {
        Path binary = Path.of(command.get(0));
        try {
            return command + " " + Files.size(binary) + " " + Files.getLastModifiedTime(binary) + "\n";
        } catch (IOException e) {
            return command + "\n";
        }
    }

    private String run(Path dir) {
        List<String> args = new ArrayList<>(command);
        args.add(dir.toString());
        try {
            ProcessBuilder builder = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.PIPE);
            // builds run one per processor: a Go runtime held to one processor each (unless the user chose)
            // keeps them from fighting over cores, a fifth less processor time per build
            builder.environment().putIfAbsent("GOMAXPROCS", "1");
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            int exit = process.waitFor();
            if (exit != 0) {
                throw new KustomizeException(String.join(" ", args) + " failed (exit " + exit + "): "
                        + stderr.join().trim());
            }
            if (stdout.isBlank()) {
                // every unit holds resources: an empty build is a binary that is not kustomize, or a broken one
                throw new KustomizeUnusable(String.join(" ", args) + " printed nothing (exit 0); every unit builds"
                        + " into resources, so '" + command.get(0) + "' is not a working kustomize");
            }
            return stdout;
        } catch (IOException e) {
            throw new KustomizeUnusable("cannot run " + String.join(" ", args) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KustomizeException("interrupted while running kustomize");
        }
    }

    /**
     * A failed build's message as people read it: kustomize's own words on one line, without the command line,
     * kubectl's log prefix (a time stamp and a process id, which would differ from run to run) and the path of
     * {@code root}, under which the build ran.
     */
    public static String message(KustomizeException failure, Path root) {
        String message = failure.getMessage();
        int cut = message.indexOf("): ");
        String text = message.contains(" failed (exit ") && cut >= 0 ? message.substring(cut + 3) : message;
        text = KLOG_PREFIX.matcher(text).replaceAll("");
        Matcher failed = KUBECTL_FAILED.matcher(text);
        if (failed.matches()) {
            text = failed.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return text.replace(root + File.separator, "").replaceAll("\\s*\\n\\s*", " ").trim();
    }

    /** The version kustomize reports, e.g. {@code v5.5.0}. */
    public String version() {
        return VERSIONS.computeIfAbsent(command.get(0), binary -> askVersion());
    }

    private String askVersion() {
        List<String> args = new ArrayList<>(command.subList(0, 1));
        args.add("version");
        if (command.get(1).equals("kustomize")) {
            args.add("--client");
        }
        try {
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String text = read(process.getInputStream());
            process.waitFor();
            var kubectl = Pattern.compile("Kustomize Version: (v?[0-9][^\\s]*)").matcher(text);
            if (kubectl.find()) {
                return kubectl.group(1);
            }
            var plain = Pattern.compile("v?[0-9]+\\.[0-9]+\\.[0-9]+").matcher(text);
            if (plain.find()) {
                return plain.group();
            }
            return text.trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }
}
