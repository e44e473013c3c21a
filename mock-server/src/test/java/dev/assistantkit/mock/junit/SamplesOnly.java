package dev.assistantkit.mock.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps a sample test class (one that is meant to fail) out of the build's own run: it runs only
 * when a test runs it through JUnit's {@code EngineTestKit} with {@link #PARAMETER} set.
 */
final class SamplesOnly implements ExecutionCondition {

  static final String PARAMETER = "dev.assistantkit.mock.junit.samples";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETER).filter("true"::equals).isPresent()
        ? ConditionEvaluationResult.enabled("run by a test, as a sample")
        : ConditionEvaluationResult.disabled("a sample, run only by the test that runs it");
  }
}
