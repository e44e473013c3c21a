package dev.assistantkit.conformance;

import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives the check classes their {@link SuiteRun} (the one the report listener started, found by the
 * run id; or, when no listener started one, a run of its own, closed with the engine) and publishes
 * each dynamic test's report entries for the JUnit XML, from the result its executable holds.
 */
public final class ConformanceExtension implements ParameterResolver, InvocationInterceptor {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ConformanceExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SuiteRun.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String id = context.getConfigurationParameter(ActiveRuns.RUN_ID).orElse(ActiveRuns.DEFAULT);
    return ActiveRuns.get(id)
        .orElseGet(
            () ->
                context
                    .getRoot()
                    .getStore(NAMESPACE)
                    .computeIfAbsent(
                        Owned.class,
                        k ->
                            new Owned(
                                ActiveRuns.obtain(
                                    id,
                                    () ->
                                        ReportListener.newRun(
                                            id, context::getConfigurationParameter))),
                        Owned.class)
                    .run());
  }

  /** A run no listener started: closed (and forgotten) when the engine's root store closes. */
  private record Owned(SuiteRun run) implements AutoCloseable {
    @Override
    public void close() {
      ActiveRuns.remove(run);
      run.close();
    }
  }

  @Override
  public void interceptDynamicTest(
      Invocation<Void> invocation,
      DynamicTestInvocationContext invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    try {
      invocation.proceed();
    } finally {
      // the check's result is a field of the test's executable: its report entries go to the XML
      if (invocationContext.getExecutable() instanceof Checks.CheckExecutable check) {
        check.result().map(ReportEntries::of).ifPresent(extensionContext::publishReportEntry);
      }
    }
  }
}
