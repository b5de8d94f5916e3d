-- A flood of requests the response cache must not let through to rendering: unique junk query strings on the home
-- page, Authorization headers on a public page, incident pages that do not exist, and valid addresses with parameter
-- values nobody asked for before (history pages and months, badge labels, live versions of made-up incidents).
-- Reports like bench-wrk-report.lua, plus how many answers were 503 (shed).
local threads = {}
counter = 0
shed = 0

setup = function(thread)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local kind = counter % 7
  local nonce = tostring(math.random(1, 2000000000)) .. "-" .. counter
  if kind == 0 then
    return wrk.format("GET", "/?utm_source=flood&r=" .. nonce)
  elseif kind == 1 then
    -- wrk.format replaces the command line's headers with the ones it is given: keep them (Accept-Encoding), as a
    -- browser sending the header would, so the flood measures the cache, not the 260 KB of an uncompressed page.
    local headers = { ["Authorization"] = "Bearer " .. nonce }
    for name, value in pairs(wrk.headers) do headers[name] = value end
    return wrk.format("GET", "/", headers)
  elseif kind == 2 then
    return wrk.format("GET", "/history?page=" .. tostring(2 + counter % 999))
  elseif kind == 3 then
    return wrk.format("GET", "/badge.svg?label=" .. nonce)
  elseif kind == 4 then
    return wrk.format("GET", "/api/live?incident=R" .. counter)
  elseif kind == 5 then
    return wrk.format("GET", "/history?month=" .. tostring(1970 + counter % 8000) .. "-0" .. tostring(1 + counter % 9))
  end
  return wrk.format("GET", "/incidents/missing" .. nonce)
end

response = function(status, headers, body)
  if status == 503 then shed = shed + 1 end
end

done = function(summary, latency, requests)
  local total_shed = 0
  for _, thread in ipairs(threads) do total_shed = total_shed + thread:get("shed") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"errors":%d,"p50Us":%d,"p99Us":%d,"shed":%d}\n',
    summary.requests, summary.duration, errors, latency:percentile(50), latency:percentile(99), total_shed
  ))
end
