package dev.assistantkit.conformance;

import dev.assistantkit.contract.Contract;

/** The contract, loaded once per JVM: it is immutable, and runs and reports share it. */
final class Contracts {

  private Contracts() {}

  private static final class Holder {
    static final Contract CONTRACT = Contract.load();
  }

  static Contract shared() {
    return Holder.CONTRACT;
  }
}
