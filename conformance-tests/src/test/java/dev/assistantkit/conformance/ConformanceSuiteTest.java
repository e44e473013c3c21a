package dev.assistantkit.conformance;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.SelectClasses;
import org.junit.platform.suite.api.Suite;
import org.junit.platform.suite.api.SuiteDisplayName;

/**
 * The suite as CI runs it under Surefire: against the reference mock started in-process, unless
 * {@code -Dconformance.base-url=...} (with -Dconformance.api-key and -Dconformance.assistant-id)
 * points it elsewhere. Any violation fails the build.
 */
@Suite
@SuiteDisplayName("conformance suite (settings from -Dconformance.*)")
@SelectClasses({
  CatalogueChecks.class,
  DerivedChecks.class,
  FuzzChecks.class,
  RecordedTrafficChecks.class
})
@ConfigurationParameter(
    key = "junit.jupiter.testclass.order.default",
    value = "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
class ConformanceSuiteTest {}
