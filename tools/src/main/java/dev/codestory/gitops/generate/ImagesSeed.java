package dev.codestory.gitops.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.codestory.gitops.layout.RepoLayout;
import dev.codestory.gitops.plan.Kustomization;
import dev.codestory.gitops.plan.Kustomization.ImageOverride;
import dev.codestory.gitops.spec.EnvSpec;
import dev.codestory.gitops.spec.Environment;
import dev.codestory.gitops.spec.ImageVersions;
import dev.codestory.gitops.yaml.YamlRenderer;

/**
 * The images file a new environment starts with ({@code overlays/<env>/images/kustomization.yaml}): its spec's
 * versions as kustomize {@code images:}, and under Flux image automation the marker on each {@code newTag}. From
 * then on people and bots own it; regen only reads it.
 */
final class ImagesSeed {

    private static final String HEADER = """
            The image versions %1$s runs, for all its units: kustomize images:, where Renovate, `kustomize edit set
            image` (run in this directory), Flux image automation and Argo CD Image Updater write. Change newTag (or
            digest) here, then run regen --goldens. regen wrote this file once, from %2$s, and only reads it.""";

    private ImagesSeed() {
    }

    static byte[] of(Environment environment) {
        List<ImageOverride> images = new ArrayList<>();
        Map<String, String> markers = new LinkedHashMap<>();
        Map<String, String> paths = ImageVersions.pathsByName(environment.spec());
        boolean flux = environment.spec().gitops().imageUpdates().tool() == EnvSpec.ImageUpdateTool.FLUX;
        for (ImageVersions.Entry entry : environment.images().entries()) {
            if (flux) {
                markers.put("/images/" + images.size() + "/newTag",
                        ImageVersions.fluxMarker(environment, paths.get(entry.name())));
            }
            images.add(new ImageOverride(entry.name(), entry.newName().isEmpty() ? null : entry.newName(),
                    entry.newTag(), null));
        }
        YamlRenderer renderer = YamlRenderer.instance();
        byte[] text = renderer.render(HEADER.formatted(environment.name(), RepoLayout.specFile(environment.name())),
                Kustomization.images(images));
        return markers.isEmpty() ? text : renderer.withLineComments(text, markers);
    }
}
