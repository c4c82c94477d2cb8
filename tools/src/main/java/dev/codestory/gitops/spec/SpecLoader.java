package dev.codestory.gitops.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    static Environment load(RepoLayout layout, String name) {
        String file = RepoLayout.specFile(name);
        String text = read(layout, file);
        String imagesFile = RepoLayout.imagesFile(name);
        String imagesText = Files.isRegularFile(layout.resolve(imagesFile)) ? read(layout, imagesFile) : null;
        return parse(name, file, text, imagesFile, imagesText).withLocalComponent(layout.hasLocalComponent(name));
    }

    private static String read(RepoLayout layout, String file) {
        try {
            return Files.readString(layout.resolve(file), StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new SpecException(List.of(invalidUtf8(layout, file)));
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecProblem(new SourcePosition(file, 1, 1), "",
                    "cannot read: " + e.getMessage())));
        }
    }

    private static SpecProblem invalidUtf8(RepoLayout layout, String file) {
        try {
            SpecProblem problem = InvalidUtf8.find(file, Files.readAllBytes(layout.resolve(file)));
            if (problem != null) {
                return problem;
            }
        } catch (IOException e) {
            // reported below like any other unreadable file
        }
        return new SpecProblem(new SourcePosition(file, 1, 1), "", "cannot read: not valid UTF-8");
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
        if (!(node instanceof YamlNode.Mapping)) {
            problems.add(new SpecProblem(node.position(), "", "a spec is a mapping of keys, got " + node.describe()));
            throw new SpecException(problems);
        }
        SecretScanner.scan(node, "", problems);
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
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing((SpecProblem p) -> p.position().file())
                    .thenComparing(p -> p.position().line()).thenComparing(p -> p.position().column()));
            throw new SpecException(problems);
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
