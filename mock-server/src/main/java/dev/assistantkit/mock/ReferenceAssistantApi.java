package dev.assistantkit.mock;

import dev.assistantkit.contract.ValidationReport;
import dev.assistantkit.generated.api.AssistantApi;
import dev.assistantkit.generated.model.AssistantUpdateRequest;
import dev.assistantkit.generated.model.UpdateAssistantResponse;
import dev.assistantkit.generated.model.UpdateAssistantResponseData;
import java.util.UUID;
import java.util.function.Function;

/**
 * The reference behaviour of the operation, implementing the interface generated from the spec: a
 * change of the spec's operation that this class does not follow breaks the build.
 *
 * <p>Made per request: {@code stateRules} checks the update against the assistant's mode before the
 * update (the spec's AssistantUpdateInContext), inside the store's atomic update.
 */
final class ReferenceAssistantApi implements AssistantApi {

  private final AssistantStore store;
  private final Function<String, ValidationReport> stateRules;
  private final String successMessage;

  ReferenceAssistantApi(
      AssistantStore store, Function<String, ValidationReport> stateRules, String successMessage) {
    this.store = store;
    this.stateRules = stateRules;
    this.successMessage = successMessage;
  }

  /**
   * @throws NotFound when there is no such assistant
   * @throws Rejected when the update breaks a rule that depends on the assistant's mode
   */
  @Override
  public UpdateAssistantResponse updateAssistant(UUID assistantId, AssistantUpdateRequest request) {
    String id = assistantId.toString();
    store
        .update(
            id,
            current -> {
              ValidationReport report = stateRules.apply(current.llmMode());
              if (!report.isEmpty()) {
                throw new Rejected(report);
              }
              return current.with(AssistantChanges.apply(current.fields(), request));
            })
        .orElseThrow(NotFound::new);
    return new UpdateAssistantResponse()
        .success(true)
        .message(successMessage)
        .data(new UpdateAssistantResponseData().assistantId(assistantId));
  }

  /** No assistant has the id. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound() {
      super(null, null, false, false);
    }
  }

  /** The update breaks a rule of the assistant's current state; nothing was changed. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ValidationReport report;

    Rejected(ValidationReport report) {
      super(null, null, false, false);
      this.report = report;
    }

    ValidationReport report() {
      return report;
    }
  }
}
