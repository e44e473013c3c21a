package dev.assistantkit.contract;

/**
 * What the contract answers to a request.
 *
 * @param status the HTTP status
 * @param report the violations behind a 4xx; empty for 200
 */
public record Evaluation(int status, ValidationReport report) {}
