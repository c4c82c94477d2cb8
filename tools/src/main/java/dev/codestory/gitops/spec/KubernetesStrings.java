package dev.codestory.gitops.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a record that mirrors a Kubernetes type: its string fields refuse a plain scalar that YAML reads as a
 * number, a boolean or null ({@code topologyKey: 5}), as Kubernetes' own decoding does, instead of taking its
 * text. Elsewhere in a spec a plain scalar is text as written ({@code tag: 1.10}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KubernetesStrings {
}
