package dev.assistantkit.mock.recorder;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where exchanges are journaled for WireMock's request journal ({@code /__admin/requests},
 * verification). The WireMock adapter implements it; whether an entry shows an event WireMock made
 * itself or one made from the record is its business.
 */
public interface Journal {

  /**
   * Journals an exchange.
   *
   * @param id the exchange's id (the journal entry's)
   * @param road who answered it
   * @param record the record, made when first read (once)
   */
  void keep(UUID id, Road road, Supplier<ExchangeRecord> record);

  /** Forgets every entry. */
  void clear();
}
