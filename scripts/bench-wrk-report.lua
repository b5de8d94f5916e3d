-- Prints wrk's result as one JSON line for scripts/bench.ts: requests, duration, errors and latency percentiles.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"errors":%d,"p50Us":%d,"p99Us":%d}\n',
    summary.requests, summary.duration, errors, latency:percentile(50), latency:percentile(99)
  ))
end
