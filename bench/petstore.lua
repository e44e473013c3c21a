-- wrk script of bench/prism-benchmark.sh: the load on corpus/oai-petstore-expanded, the same for
-- the mock and for Prism. Three requests in turn, each valid: a GET of an item, a GET of the list
-- and a POST of a new pet with a valid body (the document declares no security).
local requests
init = function(args)
  -- built here, not when the script loads: wrk.format takes the Host header from wrk.headers,
  -- which wrk fills in just before init
  requests = {
    wrk.format("GET", "/pets/1"),
    wrk.format("GET", "/pets?limit=10"),
    wrk.format("POST", "/pets", { ["Content-Type"] = "application/json" }, '{"name":"doggie","tag":"dog"}'),
  }
end
local i = 0
request = function()
  i = i % #requests + 1
  return requests[i]
end
