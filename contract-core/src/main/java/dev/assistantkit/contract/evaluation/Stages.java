package dev.assistantkit.contract.evaluation;

import dev.assistantkit.contract.rules.Stage;
import dev.assistantkit.contract.rules.ValidationReport;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What one reading of a request found, stage by stage, and the body it read.
 *
 * @param reports the violations of each stage (a stage not reached has none)
 * @param body the body as this reading read and validated it, or null when it has none or could not
 *     read it
 * @param requestPassed whether the request stage found nothing (the state stage ran)
 * @param open what the body sends whose contents the page leaves open, as findings of the rules
 *     that say so ({@link dev.assistantkit.contract.rules.Rule#openContents}); found by the
 *     documented reading only, empty in the strict one
 */
public record Stages(
    Map<Stage, ValidationReport> reports,
    JsonNode body,
    boolean requestPassed,
    ValidationReport open) {

  public Stages {
    EnumMap<Stage, ValidationReport> copy = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      copy.put(s, reports.getOrDefault(s, ValidationReport.empty()));
    }
    reports = copy;
  }

  ValidationReport of(Stage s) {
    return reports.get(s);
  }

  /** Nothing found, the request stage passed: what most readings of accepted requests keep. */
  private static final Stages CLEAN_PASSED =
      new Stages(Map.of(), null, true, ValidationReport.empty());

  /** Nothing found, the request stage did not pass (no body to read). */
  private static final Stages CLEAN = new Stages(Map.of(), null, false, ValidationReport.empty());

  /** The same findings without the body read (what a decision kept for judging holds). */
  Stages withoutBody() {
    if (body == null) {
      return this;
    }
    boolean clean = open.isEmpty();
    for (ValidationReport r : reports.values()) {
      clean &= r.isEmpty();
    }
    if (clean) {
      return requestPassed ? CLEAN_PASSED : CLEAN;
    }
    return new Stages(reports, null, requestPassed, open);
  }
}
