package dev.assistantkit.contract.generation;

/** Which side of an exchange an instance is made for: it decides which properties it leaves out. */
public enum Direction {
  /** A request body or parameter: {@code readOnly} properties are left out (never required). */
  REQUEST,
  /** A response body: {@code writeOnly} properties are left out (never required). */
  RESPONSE;

  /** The keyword that hides a property on this side. */
  String hidingKeyword() {
    return this == REQUEST ? "readOnly" : "writeOnly";
  }
}
