package dev.codestory.gitops.verify;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.workspace.LockFile;
import dev.codestory.gitops.workspace.MisplacedVersions;
import dev.codestory.gitops.generate.RepositoryGenerator;
import dev.codestory.gitops.workspace.TreeSync;

/**
 * The {@code tree} check: the generated files are what regen would write now, exactly what
 * {@code regen --check} compares. It generates the tree every time: verify trusts no local file.
 */
public final class TreeCheck {

    private TreeCheck() {
    }

    public static List<Finding> check(Path root, List<Environment> environments) {
        TreeSync.Plan plan = new TreeSync(root).plan(new RepositoryGenerator().generate(environments));
        if (plan.inSync()) {
            return List.of();
        }
        LockFile lock = LockFile.read(root);
        List<Finding> findings = new ArrayList<>();
        for (String path : plan.differing()) {
            findings.add(new Finding(Finding.NO_ENVIRONMENT, path, "", problem(root, path, plan, lock), CheckId.TREE));
        }
        return findings;
    }

    private static String problem(Path root, String path, TreeSync.Plan plan, LockFile lock) {
        if (path.equals(RepoLayout.JOURNAL) && plan.journalPending()) {
            return "an interrupted regen left its journal: the tree may be between two states; run regen to finish"
                    + " it";
        }
        if (plan.blocked().containsKey(path)) {
            return "in the way: " + plan.blocked().get(path);
        }
        if (plan.orphans().contains(path)) {
            return "orphaned: carries regen's header but " + LockFile.PATH + " does not list it (left by an"
                    + " interrupted regen); regen would remove it";
        }
        boolean onDisk = Files.exists(root.resolve(path), LinkOption.NOFOLLOW_LINKS);
        if (plan.conflicts().contains(path)) {
            if (!lock.files().containsKey(path)) {
                return "in the way: regen would write this path, and did not write the file there";
            }
            String misplaced = MisplacedVersions.advice(root, path);
            return plan.delete().contains(path) ? "edited by hand, and regen would remove it"
                    : "edited by hand: differs from what regen writes and from " + LockFile.PATH
                    + (misplaced == null ? "" : "; " + misplaced);
        }
        if (plan.delete().contains(path)) {
            return "stale: regen would remove it";
        }
        return onDisk ? "out of date: regen would rewrite it (run regen)" : "missing: regen would write it (run regen)";
    }
}
