-- wrk script: the benchmark's one request, the same for every server, in warm-up and in rounds.
-- A valid pipeline switch: the mock's state keeps it valid however often it is sent.
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer mock-dev-key"
wrk.body = '{"assistant_llm_mode":"pipeline","assistant_tts_model":"elevenlabs","assistant_tts_config":{"voice_id":"JBFqnCBv7z4s9ByuOnH"}}'
