package dev.assistantkit.contract.generation;

/**
 * One validation error, in the validator-neutral terms the generator needs.
 *
 * @param keyword the keyword that failed
 * @param location the {@code #/...} schema location the validator reports
 * @param instance the JSON Pointer of the failing value ("" for the root)
 * @param evaluationPath the path of keywords the validator followed to the failure
 * @param property the property named by the error (missing, unexpected), or ""
 */
record Problem(
    String keyword, String location, String instance, String evaluationPath, String property) {}
