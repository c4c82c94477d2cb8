package dev.codestory.gitops.spec;

import java.util.regex.Pattern;

/**
 * Image names as container registries define them (distribution's reference grammar, {@code reference.go}):
 * {@code [domain[:port]/]path-component['/' path-component]*[:tag][@digest]}, a path component being lower-case
 * letters and digits joined by one '.', one or two '_' or any number of '-'. So no path component is empty,
 * {@code .} or {@code ..}: {@code evil.com/../../x} is no image. A name is at most 255 characters, which also
 * keeps the patterns below short work.
 */
final class ImageReferences {

    static final int MAX_NAME = 255;

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?";
    private static final String PATH = PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
    private static final Pattern REGISTRY = Pattern.compile(DOMAIN + "(?:/" + PATH + ")?");
    private static final Pattern REPOSITORY = Pattern.compile(PATH);
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?");

    private ImageReferences() {
    }

    /** A registry host, with an optional port and path: what {@code global.imageRegistry} prefixes. */
    static boolean isRegistry(String text) {
        return text.length() <= MAX_NAME && REGISTRY.matcher(text).matches();
    }

    /** A repository path without a registry: what an image's {@code repository} names. */
    static boolean isRepository(String text) {
        return text.length() <= MAX_NAME && REPOSITORY.matcher(text).matches();
    }

    /** A whole reference, registry, tag and digest optional: what a bundled store's {@code image} names. */
    static boolean isReference(String text) {
        return text.length() <= MAX_NAME + 200 && REFERENCE.matcher(text).matches();
    }
}
