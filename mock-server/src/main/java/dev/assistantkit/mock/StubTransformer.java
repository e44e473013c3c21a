package dev.assistantkit.mock;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;

/** A transformer that acts only where a stub names it, never globally. */
abstract class StubTransformer implements ResponseDefinitionTransformerV2 {

  private final String name;

  StubTransformer(String name) {
    this.name = name;
  }

  @Override
  public final String getName() {
    return name;
  }

  @Override
  public final boolean applyGlobally() {
    return false;
  }
}
