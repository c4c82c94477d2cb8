package dev.codestory.gitops.verify;

/**
 * An environment's decision to accept one finding: the check's id, the resource as findings name it
 * ({@code Kind/name}) and why. A waiver without a reason is refused, so every accepted finding says why.
 */
public record Waiver(String check, String resource, String reason) {

    public Waiver {
        if (check == null || check.isBlank() || resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("a waiver names a check and a resource");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the waiver of " + check + " for " + resource + " gives no reason");
        }
    }

    public boolean waives(Finding finding) {
        return finding.check().id().equals(check) && finding.resource().equals(resource);
    }
}
