package dev.assistantkit.mock.gate;

import dev.assistantkit.contract.Contract;
import dev.assistantkit.mock.engine.MockEngine;
import dev.assistantkit.mock.tools.Tools;

/**
 * What answers by one contract: the contract, its engine and the mock's own endpoints built on it.
 * The gate holds one at a time and swaps it whole ({@code --watch}), so that every exchange is
 * judged by one contract from its start to its record.
 *
 * @param contract the contract
 * @param engine its engine, over the mock's one store
 * @param tools the mock's own endpoints on it (state, traffic, docs)
 */
public record Served(Contract contract, MockEngine engine, Tools tools) {

  public Served {
    if (engine.contract() != contract) {
      throw new IllegalArgumentException("the engine must be the contract's own");
    }
  }
}
