package dev.codestory.gitops.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import dev.codestory.gitops.layout.RepoLayout;

/**
 * Reads an environment's images file ({@code overlays/<env>/images/kustomization.yaml}): a kustomize Component
 * holding only {@code images:}, which people and image-automation tools write and regen only reads. Its rules:
 * every entry names an image the environment's workloads run, once; {@code latest} (or no tag) only in a
 * development tier; values kustomize reads as strings; and with {@code gitops.imageUpdates.tool: flux}, a Flux
 * marker on every {@code newTag}.
 */
final class ImagesFile {

    static final String API_VERSION = "kustomize.config.k8s.io/v1alpha1";
    private static final Set<String> TOP_KEYS = Set.of("apiVersion", "kind", "images");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "newName", "newTag", "digest");
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+([._-]+[a-z0-9]+)*(/[a-z0-9]+([._-]+[a-z0-9]+)*)*");
    private static final Pattern NEW_TAG = Pattern.compile("(" + SpecValidator.TAG.pattern() + ")(@("
            + SpecValidator.DIGEST.pattern() + "))?");
    private static final Pattern MARKER = Pattern.compile("#\\s*\\{\\s*\"\\$imagepolicy\"\\s*:\\s*\"([^\"]*)\"\\s*}");
    private static final Pattern TAG_MARKER = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?:[a-z0-9]([a-z0-9.-]*"
            + "[a-z0-9])?:tag");

    private final String file;
    private final List<String> lines;
    private final Environment environment;
    private final List<SpecProblem> problems;

    private ImagesFile(String file, String text, Environment environment, List<SpecProblem> problems) {
        this.file = file;
        this.lines = text.lines().toList();
        this.environment = environment;
        this.problems = problems;
    }

    /**
     * The versions {@code text} sets for {@code environment} (whose spec is bound), adding every problem to
     * {@code problems}; null when the file is no YAML at all.
     */
    static ImageVersions read(String file, String text, Environment environment, List<SpecProblem> problems) {
        return new ImagesFile(file, text, environment, problems).read(text);
    }

    private ImageVersions read(String text) {
        YamlNode node = YamlReader.read(file, text, problems);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping top)) {
            report(node.position(), "", "an images file is a kustomize Component (apiVersion, kind and images), got "
                    + node.describe());
            return null;
        }
        for (Map.Entry<String, YamlNode> field : top.entries().entrySet()) {
            if (!TOP_KEYS.contains(field.getKey())) {
                report(top.keyPositions().get(field.getKey()), field.getKey(), "unknown key: this file holds only the"
                        + " versions (apiVersion, kind, images); put other changes in " + RepoLayout.overlay(
                        environment.name()) + "/" + RepoLayout.LOCAL + "/");
            }
        }
        expect(top, "apiVersion", API_VERSION);
        expect(top, "kind", "Component");
        List<ImageVersions.Entry> entries = entries(top);
        checkAgainstSpec(top, entries);
        return new ImageVersions(false, entries);
    }

    private void expect(YamlNode.Mapping top, String key, String value) {
        YamlNode node = top.entries().get(key);
        if (node == null) {
            report(top.position(), key, "missing: an images file starts with apiVersion: " + API_VERSION
                    + " and kind: Component");
        } else if (!(node instanceof YamlNode.Scalar scalar) || !scalar.text().equals(value)) {
            report(node.position(), key, "must be " + value + ", got " + node.describe());
        }
    }

    private List<ImageVersions.Entry> entries(YamlNode.Mapping top) {
        List<ImageVersions.Entry> entries = new ArrayList<>();
        YamlNode images = top.entries().get("images");
        if (images == null || images instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return entries;
        }
        if (!(images instanceof YamlNode.Sequence sequence)) {
            report(images.position(), "images", "expected a list of images, got " + images.describe());
            return entries;
        }
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = "images[" + i + "]";
            if (!(sequence.items().get(i) instanceof YamlNode.Mapping item)) {
                report(sequence.items().get(i).position(), path, "expected name and newTag (or digest), got "
                        + sequence.items().get(i).describe());
                continue;
            }
            ImageVersions.Entry entry = entry(path, item);
            if (entry == null) {
                continue;
            }
            Integer first = firstLine.putIfAbsent(entry.name(), entry.position().line());
            if (first != null) {
                report(entry.position(), path + ".name", entry.name() + " is listed twice (first at line " + first
                        + "): kustomize sets one version per image name");
                continue;
            }
            entries.add(entry);
        }
        entries.sort(Comparator.comparing(ImageVersions.Entry::name));
        return entries;
    }

    private ImageVersions.Entry entry(String path, YamlNode.Mapping item) {
        for (String key : item.entries().keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                report(item.keyPositions().get(key), path + "." + key, "unknown key (an entry has name, newName, newTag"
                        + " and digest)");
            }
        }
        String name = string(item, path, "name");
        String newName = string(item, path, "newName");
        String newTag = string(item, path, "newTag");
        String digest = string(item, path, "digest");
        if (name == null) {
            report(item.position(), path + ".name", "missing: name the image as base writes it (e.g. codestory/api)");
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            report(position(item, "name"), path + ".name", "'" + name + "' is not an image name");
        }
        if (newName != null && !NAME.matcher(newName).matches()) {
            report(position(item, "newName"), path + ".newName", "'" + newName + "' is not an image name (no tag or"
                    + " digest: those go in newTag and digest)");
        }
        String tag = "";
        String pinned = "";
        if (newTag != null) {
            Matcher matcher = NEW_TAG.matcher(newTag);
            if (!matcher.matches()) {
                report(position(item, "newTag"), path + ".newTag", "'" + newTag + "' is not an image tag (or"
                        + " tag@sha256:digest)");
                tag = newTag;
            } else {
                tag = matcher.group(1);
                pinned = matcher.group(3) == null ? "" : matcher.group(3);
            }
        }
        if (digest != null) {
            if (!SpecValidator.DIGEST.matcher(digest).matches()) {
                report(position(item, "digest"), path + ".digest", "'" + digest + "' is not a digest (sha256: and 64"
                        + " hex digits)");
            } else if (!pinned.isEmpty()) {
                report(position(item, "digest"), path + ".digest", "newTag already pins a digest; keep one of them");
            } else {
                pinned = digest;
            }
        }
        return new ImageVersions.Entry(name, newName == null ? "" : newName, tag, pinned, position(item, "name"));
    }

    /**
     * A string value, or null when absent; a plain value kustomize would read as no string (a number, a boolean) is
     * reported, and taken as the text it was meant to be.
     */
    private String string(YamlNode.Mapping item, String path, String key) {
        YamlNode node = item.entries().get(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.isNull()) {
            report(node.position(), path + "." + key, "expected a string, got " + node.describe());
            return null;
        }
        if (scalar.plain()) {
            Tag tag = new Resolver().resolve(NodeId.scalar, scalar.text(), true);
            if (!tag.equals(Tag.STR)) {
                report(node.position(), path + "." + key, "'" + scalar.text() + "' is read as a " + describe(tag)
                        + ", which kustomize refuses; quote it (\"" + scalar.text() + "\")");
            }
        }
        return scalar.text();
    }

    private static String describe(Tag tag) {
        if (tag.equals(Tag.BOOL)) {
            return "boolean";
        }
        return tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) ? "number" : tag.getClassName();
    }

    /**
     * What the entries must agree on with the spec: each names an image some workload has; the images the
     * environment runs are pinned outside a development tier; with Flux image automation each carries its marker.
     */
    private void checkAgainstSpec(YamlNode.Mapping top, List<ImageVersions.Entry> entries) {
        EnvSpec spec = environment.spec();
        Map<String, String> run = ImageVersions.pathsByName(spec);
        Set<String> known = new TreeSet<>();
        ImageVersions.workloadImages(spec).values().forEach(image -> known.add(image.repository()));
        boolean development = spec.tier() == EnvSpec.Tier.DEVELOPMENT;
        Map<String, YamlNode.Mapping> items = items(top);
        for (ImageVersions.Entry entry : entries) {
            if (!known.contains(entry.name())) {
                report(entry.position(), "images", entry.name() + ": no workload of " + environment.name()
                        + " has this image (its images: " + String.join(", ", known) + ")");
                continue;
            }
            if (!run.containsKey(entry.name())) {
                continue;
            }
            YamlNode.Mapping item = items.get(entry.name());
            if (entry.latest() && !development) {
                SourcePosition at = item.entries().containsKey("newTag") ? position(item, "newTag") : entry.position();
                report(at, "images", entry.name() + ": " + (entry.tag().isEmpty() ? "no tag means 'latest', which"
                        : "'latest'") + " is refused outside tier development: pin a version tag or a digest");
            }
            if (spec.gitops().imageUpdates().tool() == EnvSpec.ImageUpdateTool.FLUX) {
                marker(item, entry, run.get(entry.name()));
            }
        }
        if (!development) {
            for (String name : run.keySet()) {
                if (entries.stream().noneMatch(entry -> entry.name().equals(name))) {
                    YamlNode images = top.entries().get("images");
                    report(images != null ? images.position() : top.position(), "images", name + ": no entry, so "
                            + run.get(name).replace(".image", "") + " would run " + name + " untagged ('latest'),"
                            + " refused outside tier development: add one with its newTag");
                }
            }
        }
    }

    /** With Flux image automation, newTag's line ends in the marker that names the image's ImagePolicy. */
    private void marker(YamlNode.Mapping item, ImageVersions.Entry entry, String imagePath) {
        String wanted = ImageVersions.fluxMarker(environment, imagePath);
        if (!item.entries().containsKey("newTag")) {
            report(entry.position(), "images", entry.name() + ": with gitops.imageUpdates.tool: flux, set newTag and"
                    + " mark it: newTag: <version> # " + wanted);
            return;
        }
        SourcePosition at = position(item, "newTag");
        String line = at.line() <= lines.size() ? lines.get(at.line() - 1) : "";
        Matcher matcher = MARKER.matcher(line);
        if (!matcher.find()) {
            report(at, "images", entry.name() + ": newTag has no Flux marker, so Flux image automation never updates"
                    + " it (gitops.imageUpdates.tool: flux); end the line with: # " + wanted);
        } else if (!TAG_MARKER.matcher(matcher.group(1)).matches()) {
            report(at, "images", entry.name() + ": the marker on newTag must name <namespace>:<policy>:tag, got '"
                    + matcher.group(1) + "'; for example # " + wanted);
        }
    }

    private static Map<String, YamlNode.Mapping> items(YamlNode.Mapping top) {
        Map<String, YamlNode.Mapping> items = new HashMap<>();
        if (top.entries().get("images") instanceof YamlNode.Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                if (item instanceof YamlNode.Mapping mapping
                        && mapping.entries().get("name") instanceof YamlNode.Scalar name) {
                    items.putIfAbsent(name.text(), mapping);
                }
            }
        }
        return items;
    }

    /** Where a key's value was written. */
    private static SourcePosition position(YamlNode.Mapping item, String key) {
        YamlNode value = item.entries().get(key);
        return value != null ? value.position() : item.position();
    }

    private void report(SourcePosition position, String field, String message) {
        problems.add(new SpecProblem(position != null ? position : new SourcePosition(file, 1, 1), field, message));
    }
}
