package dev.assistantkit.conformance;

import dev.assistantkit.contract.rules.Profile;
import dev.assistantkit.independent.IndependentServer;
import dev.assistantkit.independent.Variant;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Runs the suite against the independent server of the page (test sources), in this JVM. */
public final class IndependentRuns {

  static final String KEY = "sk-Indep-7f3aC91e";

  private IndependentRuns() {}

  public static RunSummary run(Variant variant, Profile profile) {
    return run(variant, profile, s -> s);
  }

  public static RunSummary run(
      Variant variant, Profile profile, UnaryOperator<ConformanceSettings> change) {
    try (IndependentServer server =
        IndependentServer.start(KEY, List.of(SuiteRuns.ASSISTANT), variant)) {
      ConformanceSettings settings =
          SuiteRuns.settings(server.baseUrl(), profile, KillMatrixTest.FUZZ);
      settings =
          change.apply(
              ConformanceSettings.remote(server.baseUrl(), KEY, SuiteRuns.ASSISTANT)
                  .withAllowWrites(true)
                  .withProfile(profile)
                  .withFuzz(settings.fuzz())
                  .withRate(0)
                  .withProgress(settings.progress()));
      return SuiteRuns.run(settings, null);
    }
  }

  public static void record(Variant v, RunSummary r) {
    KillMatrix.record(
        "independent " + v, r.profile(), r, v.rules().isEmpty() ? Set.of() : Set.copyOf(v.rules()));
  }

  public static String failures(RunSummary r) {
    return SuiteRuns.failures(r);
  }

  public static void print() {
    KillMatrix.print();
  }
}
