package dev.codestory.gitops.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.codestory.gitops.FixtureRepository;
import dev.codestory.gitops.TestRepo;
import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.workspace.LockFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two stories on a copy of the fixture repository, with the real kustomize: a bot bumps a version
 * where bots write, and what the README says to run next keeps the bump and its marker; a user changes a spec and
 * adds an environment; and the tree verifies, also against main.
 */
class ImageUpdatesEndToEndTest {

    private static final String PROD_IMAGES = RepoLayout.imagesFile("prod");
    private static final String DEV_IMAGES = RepoLayout.imagesFile("dev");

    @TempDir
    Path temp;

    private TestRepo committedFixture() throws Exception {
        TestRepo repo = FixtureRepository.copyTo(temp);
        repo.write(".gitignore", ".regen-cache\n.regen-journal\n");
        try (Git git = Git.init().setDirectory(temp.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent person = new PersonIdent("Someone", "someone@example.com",
                    Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC"));
            git.commit().setMessage("start").setAuthor(person).setCommitter(person).call();
            git.checkout().setCreateBranch(true).setName("renovate/codestory-api-1.x").call();
        }
        return repo;
    }

    /**
     * One branch, to build each unit once: a bot's bump under both controllers, then a user's change of a spec and
     * a new environment copied from staging; then the README's steps, and a verify against main.
     */
    @Test
    void aBotsBumpAndAUsersChangesKeepEveryInputAndVerifyAgainstMain() throws Exception {
        TestRepo repo = committedFixture();
        assertThat(repo.run("regen").out()).contains("up to date");
        // prod (Argo CD, two clusters) and dev (Flux, a migrate unit) take new versions where the bots write
        String prodImages = repo.read(PROD_IMAGES).replace("  - name: codestory/api\n    newTag: 1.0.0\n",
                "  - name: codestory/api\n    newTag: 1.0.1 # {\"$imagepolicy\": \"flux-system:code-story-api:tag\"}\n");
        String devImages = repo.read(DEV_IMAGES).replace("  - name: codestory/api\n    newTag: latest\n",
                "  - name: codestory/api\n    newTag: 2.0.0\n");
        assertThat(prodImages).isNotEqualTo(repo.read(PROD_IMAGES));
        assertThat(devImages).isNotEqualTo(repo.read(DEV_IMAGES));
        repo.write(PROD_IMAGES, prodImages);
        repo.write(DEV_IMAGES, devImages);

        // what depends on the version is out of date, and nothing is a hand edit
        TestRepo.Result check = repo.run("regen", "--check");
        assertThat(check.exitCode()).isEqualTo(Cli.CHECK_FAILED);
        assertThat(check.err()).contains("  overlays/prod/kustomization.yaml\n").contains("Run regen to update them.")
                .doesNotContain("edited by hand").doesNotContain("  " + PROD_IMAGES + "\n");

        TestRepo.Result regen = repo.run("regen");
        assertThat(regen.exitCode()).as(regen.err()).isEqualTo(Cli.OK);
        assertThat(regen.out()).doesNotContain("up to date");
        assertThat(repo.read(PROD_IMAGES)).isEqualTo(prodImages);
        assertThat(repo.read(DEV_IMAGES)).isEqualTo(devImages);
        assertThat(repo.read(LockFile.PATH)).doesNotContain("/images/");
        assertThat(repo.read("overlays/prod/kustomization.yaml")).contains("app.kubernetes.io/version: 1.0.1\n");
        assertThat(repo.read("overlays/dev/migrate/kustomization.yaml")).contains("app.kubernetes.io/version: 2.0.0\n");
        assertThat(repo.read("overlays/dev/migrate/code-story-migrate-job.yaml"))
                .as("dev pulls Always only while it runs latest").contains("imagePullPolicy: IfNotPresent\n");

        // a user's change, and a new environment running what staging runs
        String prod = RepoLayout.specFile("prod");
        repo.write(prod, repo.read(prod).replace("    maxReplicas: 20\n", "    maxReplicas: 25\n"));
        // (with host names, a database and a Redis of its own: two environments may not share one)
        repo.write(RepoLayout.specFile("qa"), repo.read(RepoLayout.specFile("staging"))
                .replace("codestory-staging.", "codestory-qa.").replace(".staging.codestory.dev", ".qa.codestory.dev"));
        String stagingImages = repo.read(RepoLayout.imagesFile("staging"));
        repo.write(RepoLayout.imagesFile("qa"), stagingImages);

        TestRepo.Result goldens = repo.run("regen", "--goldens");
        assertThat(goldens.exitCode()).as(goldens.err()).isEqualTo(Cli.OK);
        assertThat(goldens.out()).as("qa's images file is the copy, not a seed").doesNotContain("seeded");
        assertThat(repo.read(PROD_IMAGES)).isEqualTo(prodImages);
        assertThat(repo.read(RepoLayout.imagesFile("qa"))).isEqualTo(stagingImages);
        // every unit takes the one version: the secondary clusters' overlay and Flux's migrate unit
        assertThat(repo.read("rendered/prod.secondary.yaml")).contains("image: codestory/api:1.0.1\n")
                .doesNotContain("codestory/api:1.0.0").contains("maxReplicas: 25\n");
        assertThat(repo.read("rendered/dev.migrate.yaml")).contains("image: codestory/api:2.0.0\n");
        assertThat(repo.read("rendered/dev.yaml")).contains("image: codestory/api:2.0.0\n");
        assertThat(repo.read("rendered/qa.yaml")).contains("namespace: code-story-qa\n")
                .contains("image: codestory/api:1.0.0\n");

        // everything verify checks, and the change from main: the migration Job changes under its name, which
        // Argo CD's hook and Flux's force recreate
        TestRepo.Result verify = repo.run("verify", "--base", "main");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(Cli.OK);
        assertThat(verify.out()).contains("verify: 4 environments, 0 findings");
    }
}
