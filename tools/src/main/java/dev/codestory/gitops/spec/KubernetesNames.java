package dev.codestory.gitops.spec;

import java.util.regex.Pattern;

/** Kubernetes' own rules for names, label keys and label values (apimachinery's validation), in one place. */
public final class KubernetesNames {

    /** RFC 1123 label: namespaces, most object names, environment directories. */
    public static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** RFC 1123 subdomain: dotted labels (hosts, label key prefixes, some object names). */
    public static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** A label value (may be empty). */
    public static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    /** The name part of a label or annotation key. */
    public static final Pattern LABEL_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    /** The longest label value, name part of a key, or DNS-1123 label. */
    public static final int MAX_LABEL = 63;

    private KubernetesNames() {
    }

    /** A label or annotation key: {@code [prefix/]name}, the name at most 63 characters, the prefix a DNS subdomain. */
    public static boolean isQualifiedName(String key) {
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        return name.length() <= MAX_LABEL && LABEL_NAME.matcher(name).matches() && (prefix == null
                || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches()));
    }

    /** A label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
    public static boolean isLabelValue(String value) {
        return value.length() <= MAX_LABEL && LABEL_VALUE.matcher(value).matches();
    }
}
