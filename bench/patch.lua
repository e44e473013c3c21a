-- wrk script: the page's own PATCH, the same request for the mock and for the static stub
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer mock-dev-key"
wrk.body = '{"assistant_name": "Nova", "assistant_interaction_config": {"speaks_first": true}}'
