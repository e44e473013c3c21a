package dev.assistantkit.mock.door;

/** Which surface of the mock a request addresses, judged by the door from its path. */
public enum Surface {
  /** The API and the docs: CORS for any origin. */
  API,
  /** The mock's own state endpoints ({@code /__mock}), and anything that names the admin. */
  MOCK,
  /** WireMock's admin API ({@code /__admin}). */
  ADMIN
}
