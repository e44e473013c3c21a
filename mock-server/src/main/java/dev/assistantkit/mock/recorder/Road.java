package dev.assistantkit.mock.recorder;

/** Who answered an exchange: the gate chooses one road per request. */
public enum Road {
  /** The contract's engine: the operations of the spec, 404 and 405. */
  ENGINE,
  /** The mock's own endpoints: {@code /__mock}, {@code /docs}, {@code /openapi.yaml}. */
  TOOLS,
  /** The upstream, through the validating proxy. */
  PROXY,
  /** WireMock: the admin API, and everything while a stub, listener or delay of a user's is set. */
  WIREMOCK
}
