package dev.codestory.gitops.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.codestory.gitops.layout.LayoutException;
import dev.codestory.gitops.layout.RepoLayout;

/**
 * Finds every {@code overlays/<env>/env.yaml}, lays it over the defaults, binds and validates it, and reads the
 * versions the environment runs from its images file ({@code overlays/<env>/images/kustomization.yaml}) when it
 * has one. Problems from all environments are collected and thrown together; nothing is read from anywhere else.
 */
public final class SpecLoader {

    static final String DEFAULTS_RESOURCE = "defaults.yaml";

    private static volatile YamlNode defaults;
    private static volatile Environment defaultsEnvironment;

    private SpecLoader() {
    }

    /** All environments under {@code root/overlays}, sorted by name. */
    public static List<Environment> loadAll(Path root) {
        RepoLayout layout = new RepoLayout(root);
        List<SpecProblem> problems = new ArrayList<>();
        List<Environment> environments = new ArrayList<>();
        for (String name : layout.environments()) {
            try {
                environments.add(load(layout, name));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(crossEnvironment(environments));
        problems.addAll(CrossEnvironment.check(environments));
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return List.copyOf(environments);
    }

    /**
     * Flux syncs one source per cluster: environments sharing a cluster must name the same source (repository,
     * revision and credentials). Argo CD's root Application reads {@code clusters/argocd} from one repository and
     * revision: the environments under Argo CD must agree on them.
     */
    private static List<SpecProblem> crossEnvironment(List<Environment> environments) {
        List<SpecProblem> problems = new ArrayList<>();
        java.util.Map<String, Environment> sourceOfCluster = new java.util.HashMap<>();
        Environment firstArgo = null;
        for (Environment environment : environments) {
            EnvSpec.Gitops gitops = environment.spec().gitops();
            if (gitops.controller() != EnvSpec.Controller.FLUX) {
                if (firstArgo == null) {
                    firstArgo = environment;
                } else if (!sameSource(firstArgo, environment, false)) {
                    problems.add(new SpecProblem(environment.positionOf("gitops.repoURL"), "gitops.repoURL",
                            "Argo CD's root Application already reads " + source(firstArgo, false) + " for "
                                    + firstArgo.name() + "; environments under Argo CD share the repository and"
                                    + " revision"));
                }
                continue;
            }
            for (EnvSpec.Cluster cluster : gitops.clusters()) {
                Environment first = sourceOfCluster.putIfAbsent(cluster.name(), environment);
                if (first != null && !sameSource(first, environment, true)) {
                    problems.add(new SpecProblem(environment.positionOf("gitops.repoURL"), "gitops.repoURL",
                            "Flux on cluster '" + cluster.name() + "' already syncs " + source(first, true) + " for "
                                    + first.name() + "; environments sharing a Flux cluster share their source"));
                }
            }
        }
        return problems;
    }

    private static boolean sameSource(Environment one, Environment other, boolean flux) {
        return source(one, flux).equals(source(other, flux));
    }

    private static String source(Environment environment, boolean flux) {
        EnvSpec.Gitops gitops = environment.spec().gitops();
        if (flux && gitops.secretRef().isEmpty()) {
            return "the bootstrap GitRepository flux-system";
        }
        return gitops.repoURL() + " at " + gitops.revision() + (flux ? " with the Secret " + gitops.secretRef() : "");
    }

    /**
     * One environment's spec, read through the layout, which refuses a spec that is a link, not a regular file
     * or too large: an unreadable spec is a problem in its place, never an environment gone. No message quotes
     * the content of a file that was not read as a spec.
     */
    static Environment load(RepoLayout layout, String name) {
        String file = RepoLayout.specFile(name);
        String imagesFile = RepoLayout.imagesFile(name);
        String text;
        String imagesText;
        boolean local;
        try {
            text = text(file, layout.readSpec(name));
            byte[] images = layout.readImagesFile(name);
            imagesText = images == null ? null : text(imagesFile, images);
            local = layout.hasLocalComponent(name);
        } catch (LayoutException e) {
            String shown = e.path().equals(file) || e.path().equals(imagesFile) ? e.path() : file;
            throw new SpecException(List.of(new SpecProblem(new SourcePosition(shown, 1, 1), "",
                    e.path().equals(shown) ? e.problem() : e.getMessage())));
        }
        return parse(name, file, text, imagesFile, imagesText).withLocalComponent(local);
    }

    /** A file's bytes as text, refused with the line and column of the first byte that is not UTF-8. */
    private static String text(String file, byte[] bytes) {
        SpecProblem notUtf8 = InvalidUtf8.find(file, bytes);
        if (notUtf8 != null) {
            throw new SpecException(List.of(notUtf8));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Parses one environment's spec text, as for a new environment whose images file regen seeds from the spec;
     * {@code file} is only used in messages.
     */
    public static Environment parse(String name, String file, String text) {
        return parse(name, file, text, null, null);
    }

    /** As {@link #parse(String, String, String)}, with the versions from {@code imagesText} when it is not null. */
    private static Environment parse(String name, String file, String text, String imagesFile, String imagesText) {
        if (!KubernetesNames.DNS_LABEL.matcher(name).matches() || name.length() > 40) {
            throw new SpecException(List.of(new SpecProblem(new SourcePosition(file, 1, 1), "",
                    "environment name '" + name + "' (the directory) must be a DNS-1123 label of at most 40"
                            + " characters: lower-case letters, digits and '-'")));
        }
        List<SpecProblem> problems = new ArrayList<>();
        YamlNode node = YamlReader.read(file, text, problems);
        if (node == null) {
            throw new SpecException(problems);
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            // what the file holds is not shown: it may not be a spec at all
            problems.add(new SpecProblem(node.position(), "", "a spec is a mapping of keys, got "
                    + (node instanceof YamlNode.Scalar ? "a single value" : "a list")));
            throw new SpecException(problems);
        }
        if (mapping.entries().isEmpty()) {
            // a truncated save, most likely: every default would make a production environment of it
            problems.add(new SpecProblem(new SourcePosition(file, 1, 1), "tier", "the spec is empty; name at least"
                    + " the environment's tier (development, staging or production): every other key has a default"));
            throw new SpecException(problems);
        }
        Set<String> secrets = new HashSet<>();
        SecretScanner.scan(node, "", problems, secrets);
        Environment environment = null;
        try {
            SpecBinder.Bound<EnvSpec> bound = SpecBinder.bind(YamlMerge.merge(defaults(), node), EnvSpec.class);
            environment = new Environment(name, file, bound.value(), bound.positions(), false, null);
            ImageVersions images = imagesText == null ? ImageVersions.seed(environment)
                    : ImagesFile.read(imagesFile, imagesText, environment, problems);
            environment = environment.withImages(images != null ? images : new ImageVersions(false, List.of()));
            problems.addAll(SpecValidator.validate(environment));
        } catch (SpecException e) {
            problems.addAll(e.problems());
        } catch (StackOverflowError e) {
            // a pattern nested too deep for a value far longer than any field allows: refuse it, never crash
            problems.add(new SpecProblem(new SourcePosition(file, 1, 1), "", "a value is far too long to check"));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing((SpecProblem p) -> p.position().file())
                    .thenComparing(p -> p.position().line()).thenComparing(p -> p.position().column()));
            throw new SpecException(Shown.redacted(problems, secrets, node));
        }
        return environment;
    }

    static YamlNode defaults() {
        YamlNode result = defaults;
        if (result == null) {
            try (InputStream in = SpecLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
                result = YamlReader.read("defaults.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            defaults = result;
        }
        return result;
    }

    /** The defaults alone, bound: what base/ is generated from. Bound once, like the defaults are parsed once. */
    public static Environment defaultsEnvironment() {
        Environment result = defaultsEnvironment;
        if (result == null) {
            SpecBinder.Bound<EnvSpec> bound = SpecBinder.bind(defaults(), EnvSpec.class);
            result = new Environment("base", "defaults.yaml", bound.value(), bound.positions(), false, null);
            result = result.withImages(ImageVersions.seed(result));
            defaultsEnvironment = result;
        }
        return result;
    }
}
