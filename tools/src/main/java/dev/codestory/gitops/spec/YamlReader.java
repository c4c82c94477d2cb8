package dev.codestory.gitops.spec;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into {@link YamlNode}s with positions. Syntax errors, duplicate keys, anchors and
 * multi-document files are reported as {@link SpecProblem}s, all of them, not only the first.
 */
public final class YamlReader {

    private final String file;
    private final List<SpecProblem> problems = new ArrayList<>();

    private YamlReader(String file) {
        this.file = file;
    }

    /** Parses {@code text}; throws {@link SpecException} listing every problem found. */
    public static YamlNode read(String file, String text) {
        List<SpecProblem> problems = new ArrayList<>();
        YamlNode node = read(file, text, problems);
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        return node;
    }

    /**
     * Parses {@code text}, adding problems to {@code problems}. Returns null only for a syntax error; after a
     * duplicate key the first value is kept, so that the rest of the file can still be checked.
     */
    public static YamlNode read(String file, String text, List<SpecProblem> problems) {
        YamlReader reader = new YamlReader(file);
        YamlNode node = reader.parse(text);
        problems.addAll(reader.problems);
        return node;
    }

    private YamlNode parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // we report duplicates ourselves, with both positions
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(options);
        List<Node> documents = new ArrayList<>();
        try {
            yaml.composeAll(new StringReader(text)).forEach(documents::add);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(new SpecProblem(position(mark), "", "YAML syntax error: " + problem.trim()));
            return null;
        } catch (YAMLException e) {
            problems.add(new SpecProblem(new SourcePosition(file, 1, 1), "", "YAML error: " + e.getMessage()));
            return null;
        }
        if (documents.isEmpty()) {
            return new YamlNode.Mapping(new LinkedHashMap<>(), Map.of(), new SourcePosition(file, 1, 1));
        }
        if (documents.size() > 1) {
            problems.add(new SpecProblem(position(documents.get(1).getStartMark()), "",
                    "a spec holds one YAML document; found " + documents.size()));
        }
        return convert(documents.get(0), "");
    }

    private YamlNode convert(Node node, String path) {
        SourcePosition position = position(node.getStartMark());
        if (node instanceof ScalarNode scalar) {
            boolean isNull = scalar.getTag().equals(Tag.NULL) && scalar.isPlain();
            return new YamlNode.Scalar(scalar.getValue(), scalar.isPlain(), isNull, position);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(convert(sequence.getValue().get(i), path + "[" + i + "]"));
            }
            return new YamlNode.Sequence(items, position);
        }
        MappingNode mapping = (MappingNode) node;
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, SourcePosition> keyPositions = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            SourcePosition keyPosition = position(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(new SpecProblem(keyPosition, path, "mapping keys must be plain strings"));
                continue;
            }
            if (keyScalar.getTag().equals(Tag.MERGE)) {
                problems.add(new SpecProblem(keyPosition, path, "YAML merge keys (<<) are not supported in a spec"));
                continue;
            }
            String key = keyScalar.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                problems.add(new SpecProblem(keyPosition, childPath,
                        "duplicate key (first written at line " + keyPositions.get(key).line() + ")"));
                continue;
            }
            keyPositions.put(key, keyPosition);
            entries.put(key, convert(tuple.getValueNode(), childPath));
        }
        return new YamlNode.Mapping(entries, keyPositions, position);
    }

    private SourcePosition position(Mark mark) {
        if (mark == null) {
            return new SourcePosition(file, 1, 1);
        }
        return new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
