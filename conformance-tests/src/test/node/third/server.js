'use strict';
/*
 * A third, independent implementation of the "Update Assistant" page
 * (PATCH /assistant/update/{assistant_id}), written from the page alone, in plain Node
 * (built-in modules only) and in a data-driven style: a table of field types, a table of
 * rule functions run in order, and tables of variants and mutants that rewrite a plain
 * configuration object before the server starts.
 *
 *   node server.js [--key KEY]... [--variant NAME]... [--mutant NAME] [--list]
 *
 * The key may also come from THIRD_API_KEY (comma-separated). The server binds 127.0.0.1 on
 * port 0 and prints "listening PORT" on stdout. It exits when its stdin closes, so a parent
 * that dies does not leave it running.
 *
 * Variants: choices where the page is silent; a suite that judges only what the page states
 * must pass every one. Mutants: each breaks exactly one thing the page states; a suite must
 * fail every one. Each entry quotes the page sentence it relies on.
 */
const http = require('http');

const EXAMPLE_ID = '550e8400-e29b-41d4-a716-446655440000';
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const PATH = /^\/assistant\/update\/([^/]*)$/;

// ---------------------------------------------------------------------------------------------
// The page's tables, as data. "Request Body (Common Fields)", "Switching Modes".
// ---------------------------------------------------------------------------------------------
const FIELD_TYPES = {
  assistant_name: 'string',
  assistant_description: 'string',
  assistant_prompt: 'string',
  assistant_llm_mode: 'string',
  assistant_start_instruction: 'string',
  assistant_interaction_config: 'object',
  assistant_end_call_enabled: 'boolean',
  assistant_end_call_trigger_phrase: 'string',
  assistant_end_call_agent_message: 'string',
  assistant_end_call_url: 'string',
  assistant_tts_model: 'string',
  assistant_tts_config: 'object',
  assistant_llm_config: 'object',
};
const ENUMS = {
  // "assistant_llm_mode string Target mode: pipeline or realtime."
  assistant_llm_mode: ['pipeline', 'realtime'],
  // "assistant_tts_model string Yes One of cartesia, sarvam, elevenlabs, mistral."
  assistant_tts_model: ['cartesia', 'sarvam', 'elevenlabs', 'mistral'],
};

function jsonType(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v; // string, number, boolean, object
}

// ---------------------------------------------------------------------------------------------
// Configuration: every knob the variants and mutants turn. The defaults are this
// implementation's own reading of the page.
// ---------------------------------------------------------------------------------------------
function defaultConfig() {
  return {
    keys: [],
    types: Object.assign({}, FIELD_TYPES),
    enums: { assistant_llm_mode: ENUMS.assistant_llm_mode.slice(), assistant_tts_model: ENUMS.assistant_tts_model.slice() },
    enumCaseInsensitive: {},
    coerceBooleanStrings: false,
    typeCheckSkipsNonStrings: {}, // field -> true: a non-string slips past both type and enum checks
    // silences, this implementation's choices
    unknownFields: 'refuse', // or 'ignore'
    nulls: 'clear', // or 'refuse'
    emptyBody: 'accept', // or 'refuse'
    nonUuidId: 400, // or 404
    mediaType: 'json-only', // or 'any' (parse as JSON whatever it says), 'form' (also honour forms)
    modeRule: 'whenever-sent', // or 'only-on-change'
    crossModeFields: 'accept', // or 'refuse' (TTS while realtime, LLM config while pipeline)
    ttsRequiredKey: null, // or a key every assistant_tts_config must hold as a non-empty string
    llmProviders: null, // or the only providers assistant_llm_config may name
    // "Realtime provider config (provider, model, voice, optional api_key)": only api_key is
    // called optional, so provider, model and voice are required (first read as optional: the
    // suite's llm-config.required showed the misreading, the page's "optional" decides it)
    llmConfigComplete: true,
    speaksFirstTyped: true,
    urlChecked: false,
    repeatedAuth: 401, // or 400
    bearerCaseInsensitive: false,
    idCaseInsensitive: false,
    errorStyle: 'json', // or 'text', 'empty'
    successStyle: 'plain', // or 'rich'
    initialMode: 'realtime', // or 'pipeline'
    interactionMerge: 'merge', // or 'replace'
    order: ['auth', 'idFormat', 'mediaType', 'parse', 'unknown', 'types', 'enums', 'nested',
      'ttsPair', 'realtimeNeedsLlm', 'pipelineNeedsTts', 'crossMode', 'empty', 'exists'],
    // page statements, all true in the conformant server; a mutant switches exactly one off
    auth: 'check', // or 'any-token', 'missing-ok', 'startswith', 'no-scheme'
    authStatus: 401,
    notFound: { status: 404 },
    ttsPair: { modelAlone: false, configAlone: false },
    realtimeNeedsLlm: true,
    pipelineNeedsTts: true,
    validationStatus: 400,
    success: { flag: true, message: 'Assistant updated successfully', dataShape: 'object', idSource: 'path' },
  };
}

// ---------------------------------------------------------------------------------------------
// Variants: where the page is silent. (DESIGN lists these silences; each quote is the nearest
// page sentence, to show the choice stays within it.)
// ---------------------------------------------------------------------------------------------
const VARIANTS = {
  'ignore-unknown': {
    page: 'Request Body (Common Fields) lists the fields; nothing says what happens to others.',
    apply: (c) => { c.unknownFields = 'ignore'; },
  },
  'null-refused': {
    page: '"assistant_name string New assistant name." — null is not a string, and the page never says null clears.',
    apply: (c) => { c.nulls = 'refuse'; },
  },
  'empty-refused': {
    page: '"Only send fields you want to change." — a body with no field changes nothing; 400 "Validation or payload mismatch error."',
    apply: (c) => { c.emptyBody = 'refuse'; },
  },
  'non-uuid-404': {
    page: '"assistant_id string Assistant UUID." / "404 Assistant not found." — a non-UUID names no assistant.',
    apply: (c) => { c.nonUuidId = 404; },
  },
  'any-media-type': {
    page: '"Content-Type: application/json" — the body is read as JSON whatever the header says.',
    apply: (c) => { c.mediaType = 'any'; },
  },
  'form-honoured': {
    page: '"Content-Type: application/json" — a form-encoded body is also understood (the page does not forbid it).',
    apply: (c) => { c.mediaType = 'form'; },
  },
  'switch-only-on-change': {
    page: '"When switching to pipeline mode, you must provide both TTS fields" — sending the mode the assistant is already in is not a switch.',
    apply: (c) => { c.modeRule = 'only-on-change'; },
  },
  'cross-mode-refused': {
    page: '"400 Validation or payload mismatch error." — TTS fields for a realtime assistant, or an LLM config for a pipeline one, are a mismatch.',
    apply: (c) => { c.crossModeFields = 'refuse'; },
  },
  'tts-voice-required': {
    page: '"assistant_tts_config object Yes TTS config for the selected provider." (example carries voice_id) — a voice_id string is required.',
    apply: (c) => { c.ttsRequiredKey = 'voice_id'; },
  },
  'llm-gemini-only': {
    page: '"Realtime provider config (provider, model, voice, optional api_key)." — the page names no provider but its example\'s (gemini); others are refused.',
    apply: (c) => { c.llmProviders = ['gemini']; },
  },
  'exists-before-validation': {
    page: 'The page lists 400 and 404 without an order: an unknown assistant is 404 whatever the body.',
    apply: (c) => { c.order = ['auth', 'idFormat', 'exists'].concat(c.order.filter((s) => !['auth', 'idFormat', 'exists'].includes(s))); },
  },
  'exists-before-auth': {
    page: 'The page lists 401 and 404 without an order: an unknown assistant is 404 even without a key.',
    apply: (c) => { c.order = ['idFormat', 'exists'].concat(c.order.filter((s) => !['idFormat', 'exists'].includes(s))); },
  },
  'repeated-auth-400': {
    page: '"Headers: Authorization: Bearer <your_api_key>" — one header; two Authorization lines are a malformed request, 400.',
    apply: (c) => { c.repeatedAuth = 400; },
  },
  'bearer-any-case': {
    page: '"Authorization: Bearer <your_api_key>" — the scheme name is case-insensitive (RFC 9110), "bearer KEY" is accepted.',
    apply: (c) => { c.bearerCaseInsensitive = true; },
  },
  'id-any-case': {
    page: '"assistant_id string Assistant UUID." — a UUID in upper case names the same assistant.',
    apply: (c) => { c.idCaseInsensitive = true; },
  },
  'error-text': {
    page: 'The page documents only the success body; errors are answered as text/plain.',
    apply: (c) => { c.errorStyle = 'text'; },
  },
  'error-empty': {
    page: 'The page documents only the success body; errors are answered with no body.',
    apply: (c) => { c.errorStyle = 'empty'; },
  },
  'rich-success': {
    page: '"Response Schema: success, message, data.assistant_id" — more fields and another message text are not excluded.',
    apply: (c) => { c.successStyle = 'rich'; c.success.message = 'Updated.'; },
  },
  'initial-pipeline': {
    page: 'The page never says which mode the example assistant is in; here it starts in pipeline.',
    apply: (c) => { c.initialMode = 'pipeline'; },
  },
  'speaks-first-untyped': {
    page: '"assistant_interaction_config object Partial interaction-config update." — the page gives no type for speaks_first.',
    apply: (c) => { c.speaksFirstTyped = false; },
  },
  'url-checked': {
    page: '"assistant_end_call_url string End-call webhook URL." — a string that is not an http(s) URL is refused.',
    apply: (c) => { c.urlChecked = true; },
  },
  'interaction-replaced': {
    page: '"Partial interaction-config update." is read here as replacing the object sent.',
    apply: (c) => { c.interactionMerge = 'replace'; },
  },
};

// ---------------------------------------------------------------------------------------------
// Mutants: each breaks exactly one thing the page states.
// ---------------------------------------------------------------------------------------------
const anyType = (field) => (c) => { c.types[field] = 'any'; };
const MUTANTS = {
  'auth-any-token': { page: '"Headers: Authorization: Bearer <your_api_key>" / "401 Unauthorized."', apply: (c) => { c.auth = 'any-token'; } },
  'auth-missing-ok': { page: '"Headers: Authorization: Bearer <your_api_key>" / "401 Unauthorized."', apply: (c) => { c.auth = 'missing-ok'; } },
  'auth-startswith': { page: '"Authorization: Bearer <your_api_key>" — only the key; here any token that starts with it passes.', apply: (c) => { c.auth = 'startswith'; } },
  'auth-no-scheme': { page: '"Authorization: Bearer <your_api_key>" — here the bare key without "Bearer" passes too.', apply: (c) => { c.auth = 'no-scheme'; } },
  'auth-403': { page: '"401 Unauthorized."', apply: (c) => { c.authStatus = 403; } },
  'unknown-200': { page: '"404 Assistant not found."', apply: (c) => { c.notFound = { status: 200 }; } },
  'unknown-400': { page: '"404 Assistant not found."', apply: (c) => { c.notFound = { status: 400 }; } },
  'unknown-500': { page: '"404 Assistant not found."', apply: (c) => { c.notFound = { status: 500 }; } },
  'tts-model-alone': { page: '"TTS fields must come in pairs: send both assistant_tts_model and assistant_tts_config, or neither."', apply: (c) => { c.ttsPair.modelAlone = true; } },
  'tts-config-alone': { page: '"TTS fields must come in pairs: send both assistant_tts_model and assistant_tts_config, or neither."', apply: (c) => { c.ttsPair.configAlone = true; } },
  'realtime-without-llm': { page: '"Switching to realtime requires assistant_llm_config."', apply: (c) => { c.realtimeNeedsLlm = false; } },
  'pipeline-without-tts': { page: '"Switching to pipeline requires both assistant_tts_model and assistant_tts_config."', apply: (c) => { c.pipelineNeedsTts = false; } },
  'mode-any-value': { page: '"assistant_llm_mode string Target mode: pipeline or realtime."', apply: (c) => { c.enums.assistant_llm_mode = null; } },
  'mode-any-case': { page: '"assistant_llm_mode string Target mode: pipeline or realtime." — here "PIPELINE" passes.', apply: (c) => { c.enumCaseInsensitive.assistant_llm_mode = true; } },
  'mode-non-string': { page: '"assistant_llm_mode string" — here a number or boolean slips past the type and enum checks.', apply: (c) => { c.typeCheckSkipsNonStrings.assistant_llm_mode = true; } },
  'tts-model-any-value': { page: '"assistant_tts_model string Yes One of cartesia, sarvam, elevenlabs, mistral."', apply: (c) => { c.enums.assistant_tts_model = null; } },
  'tts-model-any-case': { page: '"One of cartesia, sarvam, elevenlabs, mistral." — here "ElevenLabs" passes.', apply: (c) => { c.enumCaseInsensitive.assistant_tts_model = true; } },
  'tts-model-non-string': { page: '"assistant_tts_model string" — here a non-string slips past the type and enum checks.', apply: (c) => { c.typeCheckSkipsNonStrings.assistant_tts_model = true; } },
  'name-any-type': { page: '"assistant_name string New assistant name."', apply: anyType('assistant_name') },
  'description-any-type': { page: '"assistant_description string New assistant description."', apply: anyType('assistant_description') },
  'prompt-any-type': { page: '"assistant_prompt string New system prompt."', apply: anyType('assistant_prompt') },
  'start-instruction-any-type': { page: '"assistant_start_instruction string New opening response text"', apply: anyType('assistant_start_instruction') },
  'interaction-any-type': { page: '"assistant_interaction_config object Partial interaction-config update."', apply: anyType('assistant_interaction_config') },
  'interaction-array-ok': { page: '"assistant_interaction_config object" — here an array passes as an object (typeof).', apply: (c) => { c.types.assistant_interaction_config = 'object-or-array'; } },
  'end-call-enabled-any-type': { page: '"assistant_end_call_enabled boolean Enable or disable end-call tool."', apply: anyType('assistant_end_call_enabled') },
  'end-call-enabled-string-bool': { page: '"assistant_end_call_enabled boolean" — here "true"/"false" strings are coerced.', apply: (c) => { c.coerceBooleanStrings = true; } },
  'trigger-phrase-any-type': { page: '"assistant_end_call_trigger_phrase string End-call trigger phrase."', apply: anyType('assistant_end_call_trigger_phrase') },
  'agent-message-any-type': { page: '"assistant_end_call_agent_message string End-call agent message."', apply: anyType('assistant_end_call_agent_message') },
  'end-call-url-any-type': { page: '"assistant_end_call_url string End-call webhook URL."', apply: anyType('assistant_end_call_url') },
  'tts-config-any-type': { page: '"assistant_tts_config object Yes TTS config for the selected provider." — here a string passes.', apply: anyType('assistant_tts_config') },
  'llm-config-any-type': { page: '"assistant_llm_config object Yes Realtime provider config" — here a string passes.', apply: anyType('assistant_llm_config') },
  'llm-config-array-ok': { page: '"assistant_llm_config object" — here an array passes as an object (typeof).', apply: (c) => { c.types.assistant_llm_config = 'object-or-array'; } },
  'tts-speaker-required': { page: '"assistant_tts_config object Yes TTS config for the selected provider." — here every config needs a speaker, so the page\'s own example {voice_id} is refused.', apply: (c) => { c.ttsRequiredKey = 'speaker'; } },
  'llm-openai-only': { page: '"assistant_llm_config ... Realtime provider config" — here only openai is taken, so the page\'s own realtime example (gemini) is refused.', apply: (c) => { c.llmProviders = ['openai']; } },
  'llm-config-incomplete-ok': { page: '"Realtime provider config (provider, model, voice, optional api_key)." — only api_key is optional; here a config without voice passes.', apply: (c) => { c.llmConfigComplete = false; } },
  'validation-422': { page: '"400 Validation or payload mismatch error."', apply: (c) => { c.validationStatus = 422; } },
  'success-flag-missing': { page: '"success boolean Operation status."', apply: (c) => { c.success.flag = undefined; } },
  'success-flag-string': { page: '"success boolean Operation status."', apply: (c) => { c.success.flag = 'true'; } },
  'message-missing': { page: '"message string Human-readable message."', apply: (c) => { c.success.message = undefined; } },
  'message-number': { page: '"message string Human-readable message."', apply: (c) => { c.success.message = 1; } },
  'data-id-missing': { page: '"data.assistant_id string Updated assistant UUID."', apply: (c) => { c.success.idSource = 'none'; } },
  'data-id-other': { page: '"data.assistant_id string Updated assistant UUID." — here a fresh UUID, not the updated one.', apply: (c) => { c.success.idSource = 'other'; } },
  'data-flat': { page: '"data.assistant_id" — here data is the id string itself.', apply: (c) => { c.success.dataShape = 'flat'; } },
};

// ---------------------------------------------------------------------------------------------
// Rule table. Each rule looks at the request context and returns null (pass) or a failure
// { status, code, message, field }. The configuration's `order` decides the sequence.
// ---------------------------------------------------------------------------------------------
function invalid(cfg, code, message, field) {
  return { status: cfg.validationStatus, code, message, field };
}

function typeOk(cfg, field, value) {
  const want = cfg.types[field];
  const got = jsonType(value);
  if (want === 'any') return true;
  if (cfg.typeCheckSkipsNonStrings[field] && got !== 'string') return true;
  if (want === 'object-or-array') return got === 'object' || got === 'array';
  if (want === 'boolean' && cfg.coerceBooleanStrings && (value === 'true' || value === 'false')) return true;
  return got === want;
}

function has(body, field) {
  return Object.prototype.hasOwnProperty.call(body, field) && body[field] !== null;
}

function enumValue(cfg, field, value) {
  if (typeof value !== 'string') return value;
  return cfg.enumCaseInsensitive[field] ? value.toLowerCase() : value;
}

// the mode the body asks for, or null
function requestedMode(cfg, body) {
  if (!has(body, 'assistant_llm_mode')) return null;
  return enumValue(cfg, 'assistant_llm_mode', body.assistant_llm_mode);
}

function modeSwitchApplies(cfg, ctx, mode) {
  if (requestedMode(cfg, ctx.body) !== mode) return false;
  if (cfg.modeRule === 'only-on-change' && ctx.assistant && ctx.assistant.mode === mode) return false;
  return true;
}

const RULES = {
  auth(ctx, cfg) {
    const lines = [];
    for (let i = 0; i < ctx.req.rawHeaders.length; i += 2) {
      if (ctx.req.rawHeaders[i].toLowerCase() === 'authorization') lines.push(ctx.req.rawHeaders[i + 1]);
    }
    const fail = { status: cfg.authStatus, code: 'unauthorized', message: 'Missing or invalid API key.' };
    if (lines.length > 1) return cfg.repeatedAuth === 400
      ? { status: 400, code: 'repeated_authorization', message: 'Send one Authorization header.' }
      : fail;
    if (cfg.auth === 'any-token') return null;
    if (lines.length === 0) return cfg.auth === 'missing-ok' ? null : fail;
    const value = lines[0];
    const m = /^(\S+) (.*)$/.exec(value);
    let token = null;
    if (m && (m[1] === 'Bearer' || (cfg.bearerCaseInsensitive && m[1].toLowerCase() === 'bearer'))) token = m[2];
    else if (cfg.auth === 'no-scheme') token = value;
    if (token === null) return fail;
    const ok = cfg.keys.some((k) => (cfg.auth === 'startswith' ? token.startsWith(k) : token === k));
    return ok ? null : fail;
  },

  idFormat(ctx, cfg) {
    if (UUID.test(ctx.id)) return null;
    return cfg.nonUuidId === 404
      ? { status: 404, code: 'not_found', message: 'Assistant not found.' }
      : invalid(cfg, 'invalid_assistant_id', 'assistant_id must be a UUID.', 'assistant_id');
  },

  mediaType(ctx, cfg) {
    const ct = (ctx.req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    if (ct === 'application/json') { ctx.bodyFormat = 'json'; return null; }
    if (cfg.mediaType === 'form' && ct === 'application/x-www-form-urlencoded') { ctx.bodyFormat = 'form'; return null; }
    if (cfg.mediaType === 'any' || cfg.mediaType === 'form') { ctx.bodyFormat = 'json'; return null; }
    return invalid(cfg, 'unsupported_content_type', 'Content-Type must be application/json.');
  },

  parse(ctx, cfg) {
    if (ctx.bodyFormat === 'form') {
      const body = {};
      for (const [k, v] of new URLSearchParams(ctx.raw)) {
        const type = FIELD_TYPES[k];
        if (type === 'boolean' && (v === 'true' || v === 'false')) body[k] = v === 'true';
        else if (type === 'object') {
          try { body[k] = JSON.parse(v); } catch (e) { body[k] = v; }
        } else body[k] = v;
      }
      ctx.body = body;
      return null;
    }
    let value;
    try {
      value = JSON.parse(ctx.raw);
    } catch (e) {
      return invalid(cfg, 'malformed_json', 'The body is not valid JSON.');
    }
    if (jsonType(value) !== 'object') return invalid(cfg, 'body_not_object', 'The body must be a JSON object.');
    ctx.body = value;
    return null;
  },

  unknown(ctx, cfg) {
    if (cfg.unknownFields === 'ignore') {
      for (const k of Object.keys(ctx.body)) if (!(k in FIELD_TYPES)) delete ctx.body[k];
      return null;
    }
    const extra = Object.keys(ctx.body).filter((k) => !(k in FIELD_TYPES));
    return extra.length ? invalid(cfg, 'unknown_field', 'Unknown field: ' + extra[0], extra[0]) : null;
  },

  types(ctx, cfg) {
    for (const field of Object.keys(ctx.body)) {
      const value = ctx.body[field];
      if (value === null) {
        if (cfg.nulls === 'refuse') return invalid(cfg, 'null_value', field + ' must not be null.', field);
        continue;
      }
      if (!typeOk(cfg, field, value)) {
        return invalid(cfg, 'wrong_type', field + ' must be ' + FIELD_TYPES[field] + '.', field);
      }
    }
    return null;
  },

  enums(ctx, cfg) {
    for (const field of Object.keys(cfg.enums)) {
      const allowed = cfg.enums[field];
      if (!allowed || !has(ctx.body, field) || typeof ctx.body[field] !== 'string') continue;
      if (!allowed.includes(enumValue(cfg, field, ctx.body[field]))) {
        return invalid(cfg, 'not_allowed', field + ' must be one of ' + allowed.join(', ') + '.', field);
      }
    }
    return null;
  },

  nested(ctx, cfg) {
    const b = ctx.body;
    const ic = b.assistant_interaction_config;
    if (cfg.speaksFirstTyped && ic && jsonType(ic) === 'object' && 'speaks_first' in ic
        && typeof ic.speaks_first !== 'boolean') {
      return invalid(cfg, 'wrong_type', 'speaks_first must be boolean.', 'assistant_interaction_config.speaks_first');
    }
    if (cfg.ttsRequiredKey && has(b, 'assistant_tts_config') && jsonType(b.assistant_tts_config) === 'object') {
      const k = cfg.ttsRequiredKey;
      const v = b.assistant_tts_config[k];
      if (typeof v !== 'string' || v === '') return invalid(cfg, 'missing_field', 'assistant_tts_config.' + k + ' is required.', 'assistant_tts_config.' + k);
    }
    if (cfg.llmConfigComplete && has(b, 'assistant_llm_config') && jsonType(b.assistant_llm_config) === 'object') {
      const lc = b.assistant_llm_config;
      for (const k of ['provider', 'model', 'voice']) {
        if (typeof lc[k] !== 'string' || lc[k] === '') return invalid(cfg, 'missing_field', 'assistant_llm_config.' + k + ' is required.', 'assistant_llm_config.' + k);
      }
      if ('api_key' in lc && typeof lc.api_key !== 'string') return invalid(cfg, 'wrong_type', 'assistant_llm_config.api_key must be a string.', 'assistant_llm_config.api_key');
    }
    if (cfg.llmProviders && has(b, 'assistant_llm_config') && jsonType(b.assistant_llm_config) === 'object'
        && !cfg.llmProviders.includes(b.assistant_llm_config.provider)) {
      return invalid(cfg, 'unsupported_provider', 'assistant_llm_config.provider must be one of ' + cfg.llmProviders.join(', ') + '.', 'assistant_llm_config.provider');
    }
    if (cfg.urlChecked && has(b, 'assistant_end_call_url') && typeof b.assistant_end_call_url === 'string') {
      let ok = false;
      try { ok = ['http:', 'https:'].includes(new URL(b.assistant_end_call_url).protocol); } catch (e) { ok = false; }
      if (!ok) return invalid(cfg, 'invalid_url', 'assistant_end_call_url must be an http(s) URL.', 'assistant_end_call_url');
    }
    return null;
  },

  ttsPair(ctx, cfg) {
    const model = has(ctx.body, 'assistant_tts_model');
    const config = has(ctx.body, 'assistant_tts_config');
    if (model && !config && !cfg.ttsPair.modelAlone) return invalid(cfg, 'tts_pair', 'Send assistant_tts_config with assistant_tts_model.', 'assistant_tts_config');
    if (config && !model && !cfg.ttsPair.configAlone) return invalid(cfg, 'tts_pair', 'Send assistant_tts_model with assistant_tts_config.', 'assistant_tts_model');
    return null;
  },

  realtimeNeedsLlm(ctx, cfg) {
    if (!cfg.realtimeNeedsLlm || !modeSwitchApplies(cfg, ctx, 'realtime')) return null;
    return has(ctx.body, 'assistant_llm_config') ? null
      : invalid(cfg, 'realtime_requires_llm_config', 'Switching to realtime requires assistant_llm_config.', 'assistant_llm_config');
  },

  pipelineNeedsTts(ctx, cfg) {
    if (!cfg.pipelineNeedsTts || !modeSwitchApplies(cfg, ctx, 'pipeline')) return null;
    return has(ctx.body, 'assistant_tts_model') && has(ctx.body, 'assistant_tts_config') ? null
      : invalid(cfg, 'pipeline_requires_tts', 'Switching to pipeline requires assistant_tts_model and assistant_tts_config.', 'assistant_tts_model');
  },

  crossMode(ctx, cfg) {
    if (cfg.crossModeFields !== 'refuse') return null;
    const target = requestedMode(cfg, ctx.body) || (ctx.assistant ? ctx.assistant.mode : null);
    if (target === 'realtime' && (has(ctx.body, 'assistant_tts_model') || has(ctx.body, 'assistant_tts_config'))) {
      return invalid(cfg, 'mode_mismatch', 'TTS fields do not apply in realtime mode.', 'assistant_tts_model');
    }
    if (target === 'pipeline' && has(ctx.body, 'assistant_llm_config')) {
      return invalid(cfg, 'mode_mismatch', 'assistant_llm_config does not apply in pipeline mode.', 'assistant_llm_config');
    }
    return null;
  },

  empty(ctx, cfg) {
    return cfg.emptyBody === 'refuse' && Object.keys(ctx.body).length === 0
      ? invalid(cfg, 'empty_update', 'Send at least one field to change.') : null;
  },

  exists(ctx, cfg) {
    if (ctx.assistant) return null;
    if (cfg.notFound.status === 200) { ctx.phantom = true; return null; }
    return { status: cfg.notFound.status, code: 'not_found', message: 'Assistant not found.' };
  },
};

// ---------------------------------------------------------------------------------------------
// State and answers
// ---------------------------------------------------------------------------------------------
function seed(cfg) {
  const store = new Map();
  store.set(EXAMPLE_ID, {
    assistant_name: 'Example assistant',
    assistant_description: '',
    assistant_prompt: 'You are a helpful assistant.',
    mode: cfg.initialMode,
    assistant_start_instruction: '',
    assistant_interaction_config: { speaks_first: false },
    assistant_end_call_enabled: false,
    assistant_end_call_trigger_phrase: '',
    assistant_end_call_agent_message: '',
    assistant_end_call_url: '',
    assistant_tts_model: cfg.initialMode === 'pipeline' ? 'elevenlabs' : null,
    assistant_tts_config: cfg.initialMode === 'pipeline' ? { voice_id: 'JBFqnCBv7z4s9ByuOnH' } : null,
    assistant_llm_config: cfg.initialMode === 'realtime' ? { provider: 'gemini', model: 'gemini-3.1-flash-live-preview', voice: 'Puck' } : null,
  });
  return store;
}

function findAssistant(cfg, store, id) {
  if (store.has(id)) return store.get(id);
  if (cfg.idCaseInsensitive) return store.get(String(id).toLowerCase());
  return undefined;
}

function apply(cfg, assistant, body) {
  for (const field of Object.keys(body)) {
    const value = body[field];
    if (field === 'assistant_llm_mode') {
      if (value !== null) assistant.mode = enumValue(cfg, field, value);
    } else if (field === 'assistant_interaction_config' && cfg.interactionMerge === 'merge'
        && jsonType(value) === 'object' && jsonType(assistant[field]) === 'object') {
      assistant[field] = Object.assign({}, assistant[field], value);
    } else {
      assistant[field] = value; // null clears (the default reading)
    }
  }
}

function send(res, status, headers, text) {
  res.writeHead(status, Object.assign({ 'Content-Length': Buffer.byteLength(text) }, headers));
  res.end(text);
}

function sendError(res, cfg, failure) {
  const extra = failure.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {};
  if (cfg.errorStyle === 'empty') return send(res, failure.status, extra, '');
  if (cfg.errorStyle === 'text') {
    return send(res, failure.status, Object.assign({ 'Content-Type': 'text/plain; charset=utf-8' }, extra), failure.message + '\n');
  }
  const body = { success: false, message: failure.message, error: { code: failure.code } };
  if (failure.field) body.error.field = failure.field;
  if (failure.status === 200) body.success = true; // a mutant that answers 200 for the unknown
  return send(res, failure.status, Object.assign({ 'Content-Type': 'application/json' }, extra), JSON.stringify(body));
}

function sendSuccess(res, cfg, id, assistant, changed) {
  const s = cfg.success;
  const assistantId = s.idSource === 'other' ? '00000000-0000-4000-8000-000000000000' : id;
  const body = {};
  if (s.flag !== undefined) body.success = s.flag;
  if (s.message !== undefined) body.message = s.message;
  if (s.dataShape === 'flat') body.data = assistantId;
  else {
    body.data = {};
    if (s.idSource !== 'none') body.data.assistant_id = assistantId;
    if (cfg.successStyle === 'rich') {
      body.data.updated_fields = changed;
      body.data.assistant_llm_mode = assistant ? assistant.mode : null;
      body.request_id = Math.random().toString(16).slice(2);
    }
  }
  return send(res, 200, { 'Content-Type': 'application/json; charset=utf-8' }, JSON.stringify(body));
}

function handler(cfg, store) {
  return (req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= 1 << 20) chunks.push(c);
    });
    req.on('end', () => {
      try {
        const url = new URL(req.url, 'http://localhost');
        const m = PATH.exec(url.pathname);
        if (!m) return sendError(res, cfg, { status: 404, code: 'no_route', message: 'No such endpoint.' });
        if (req.method !== 'PATCH') {
          res.setHeader('Allow', 'PATCH');
          return sendError(res, cfg, { status: 405, code: 'method_not_allowed', message: 'Use PATCH.' });
        }
        if (size > 1 << 20) return sendError(res, cfg, invalid(cfg, 'too_large', 'The body is too large.'));
        let id;
        try { id = decodeURIComponent(m[1]); } catch (e) { id = m[1]; }
        const ctx = { req, id, raw: Buffer.concat(chunks).toString('utf8'), body: {}, bodyFormat: 'json' };
        ctx.assistant = findAssistant(cfg, store, id);
        for (const name of cfg.order) {
          const failure = RULES[name](ctx, cfg);
          if (failure) return sendError(res, cfg, failure);
        }
        if (ctx.assistant) apply(cfg, ctx.assistant, ctx.body);
        return sendSuccess(res, cfg, id, ctx.assistant, Object.keys(ctx.body));
      } catch (e) {
        return sendError(res, cfg, { status: 500, code: 'internal', message: 'Internal server error.' });
      }
    });
  };
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------
function main(argv) {
  const cfg = defaultConfig();
  const chosen = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--list') {
      process.stdout.write(JSON.stringify({ variants: Object.keys(VARIANTS), mutants: Object.keys(MUTANTS) }) + '\n');
      return;
    }
    if (a === '--key') cfg.keys.push(argv[++i]);
    else if (a === '--variant' || a === '--mutant') {
      const table = a === '--variant' ? VARIANTS : MUTANTS;
      for (const name of String(argv[++i]).split(',')) {
        if (!table[name]) {
          process.stderr.write('unknown ' + a.slice(2) + ': ' + name + '\n');
          process.exit(2);
        }
        chosen.push(table[name]);
      }
    } else {
      process.stderr.write('unknown argument: ' + a + '\n');
      process.exit(2);
    }
  }
  if (process.env.THIRD_API_KEY) cfg.keys.push(...process.env.THIRD_API_KEY.split(',').filter(Boolean));
  if (cfg.keys.length === 0) {
    process.stderr.write('give a key: --key KEY or THIRD_API_KEY\n');
    process.exit(2);
  }
  for (const entry of chosen) entry.apply(cfg);
  const store = seed(cfg);
  const server = http.createServer(handler(cfg, store));
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write('listening ' + server.address().port + '\n');
  });
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

main(process.argv.slice(2));
